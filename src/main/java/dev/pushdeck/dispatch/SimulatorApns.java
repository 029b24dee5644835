package dev.pushdeck.dispatch;

import com.eatthepath.pushy.apns.server.MockApnsServer;
import com.eatthepath.pushy.apns.server.MockApnsServerBuilder;
import com.eatthepath.pushy.apns.server.PushNotificationHandler;
import com.eatthepath.pushy.apns.server.RejectedNotificationException;
import com.eatthepath.pushy.apns.server.RejectionReason;
import com.eatthepath.pushy.apns.server.UnregisteredDeviceTokenException;
import dev.pushdeck.app.ApnsEndpoint;
import dev.pushdeck.app.ApnsEnvironment;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.handler.codec.http2.Http2Headers;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Development and demo stand-in for Apple: Pushy {@code MockApnsServer}s on loopback, one per
 * environment (ports chosen at start, self-signed certificate generated at start; the sandbox
 * one answers an {@code apns-unique-id}, as Apple's development environment does), enabled by
 * {@code pushdeck.simulator.enabled=true}. Runs whose topic is a bundle id ending in
 * {@code .simulator} (also {@code .simulator.voip} and the like) are sent here through the
 * same client code as real ones; their app needs a token key (.p8), as the simulator
 * accepts any token signature but cannot verify uploaded client certificates. Beside each mock
 * runs a {@link BroadcastSimulator} for broadcast channels and broadcasts of those apps, which
 * Pushy's mock does not speak.
 *
 * <p>Behaviour ({@code pushdeck.simulator.*}): {@code unregistered-percent} of tokens
 * (fixed per token) answer 410 Unregistered; {@code error-percent} of notifications answer
 * 500 or 429 at random (the dispatcher retries them); each answer waits {@code delay}. The
 * accepted ones go to {@link SimulatedPhones}, which report receipts and opens for some.
 */
@Component
@ConditionalOnProperty(name = "pushdeck.simulator.enabled", havingValue = "true")
class SimulatorApns implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(SimulatorApns.class);
    private static final String HOST = "127.0.0.1";

    private final Map<ApnsEnvironment, MockApnsServer> servers = new EnumMap<>(ApnsEnvironment.class);
    private final Map<ApnsEnvironment, Integer> ports = new EnumMap<>(ApnsEnvironment.class);
    private final Map<ApnsEnvironment, BroadcastSimulator> broadcasts = new EnumMap<>(ApnsEnvironment.class);
    private final X509Certificate certificate;
    /** The servers' loop, owned here so that stopping does not wait out Netty's quiet period per server. */
    private final NioEventLoopGroup loop = new NioEventLoopGroup(1);

    /** A simulator whose phones report nothing. */
    SimulatorApns(int unregisteredPercent, int errorPercent, Duration delay) throws Exception {
        this(unregisteredPercent, errorPercent, delay, null);
    }

    /** @param phones reports receipts and opens of accepted notifications; null for none */
    @Autowired
    SimulatorApns(@Value("${pushdeck.simulator.unregistered-percent:5}") int unregisteredPercent,
                  @Value("${pushdeck.simulator.error-percent:2}") int errorPercent,
                  @Value("${pushdeck.simulator.delay:15ms}") Duration delay, @Nullable SimulatedPhones phones)
            throws Exception {
        KeyPair keys = KeyPairGenerator.getInstance("EC").generateKeyPair();
        this.certificate = selfSigned(keys);
        for (ApnsEnvironment environment : ApnsEnvironment.values()) {
            MockApnsServer server = new MockApnsServerBuilder()
                    .setServerCredentials(new X509Certificate[] {certificate}, keys.getPrivate(), null)
                    .setHandlerFactory(session -> handler(unregisteredPercent, errorPercent, delay, phones))
                    .generateApnsUniqueId(environment == ApnsEnvironment.SANDBOX)
                    .setEventLoopGroup(loop)
                    .build();
            servers.put(environment, server);
            ports.put(environment, server.start(0).get());
            broadcasts.put(environment, new BroadcastSimulator(certificate, keys.getPrivate(),
                    BroadcastSimulator.APPLE_CHANNEL_LIMIT, null, delay));
        }
        log.info("APNs simulator listening on {} (sandbox {}, production {}; {}% unregistered, {}% errors, {} delay)",
                HOST, ports.get(ApnsEnvironment.SANDBOX), ports.get(ApnsEnvironment.PRODUCTION), unregisteredPercent,
                errorPercent, delay);
    }

    /** Whether a run with this topic goes to the simulator. */
    static boolean serves(String topic) {
        return topic != null && (topic.endsWith(".simulator") || topic.contains(".simulator."));
    }

    ApnsEndpoint endpoint(ApnsEnvironment environment) {
        return new ApnsEndpoint(HOST, Objects.requireNonNull(ports.get(environment), "a server runs per environment"),
                List.of(certificate));
    }

    /** Where demo apps manage their broadcast channels and broadcast, in {@code environment}. */
    ApnsEndpoint broadcastEndpoint(ApnsEnvironment environment) {
        return Objects.requireNonNull(broadcasts.get(environment), "a broadcast server runs per environment")
                .endpoint();
    }

    @Override
    public void destroy() {
        servers.values().forEach(server -> server.shutdown().join());
        broadcasts.values().forEach(BroadcastSimulator::close);
        loop.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private static PushNotificationHandler handler(int unregisteredPercent, int errorPercent, Duration delay,
                                                   @Nullable SimulatedPhones phones) {
        return (Http2Headers headers, io.netty.buffer.ByteBuf payload) -> {
            if (!delay.isZero()) {
                try {
                    Thread.sleep(delay.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            String path = String.valueOf(headers.path());
            String token = path.substring(path.lastIndexOf('/') + 1);
            if (Math.floorMod(token.hashCode(), 100) < unregisteredPercent) {
                throw new UnregisteredDeviceTokenException(Instant.now());
            }
            int roll = ThreadLocalRandom.current().nextInt(100);
            if (roll < errorPercent) {
                throw new RejectedNotificationException(roll % 2 == 0 ? RejectionReason.INTERNAL_SERVER_ERROR
                        : RejectionReason.TOO_MANY_REQUESTS);
            }
            if (phones != null) {
                byte[] body = new byte[payload.readableBytes()];
                payload.getBytes(payload.readerIndex(), body);
                phones.accepted(body);
            }
        };
    }

    private static X509Certificate selfSigned(KeyPair keys) throws Exception {
        X500Name name = new X500Name("CN=Pushdeck APNs simulator");
        Instant now = Instant.now();
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name,
                BigInteger.valueOf(now.toEpochMilli()), Date.from(now.minus(Duration.ofDays(1))),
                Date.from(now.plus(Duration.ofDays(3650))), name, keys.getPublic());
        builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                new GeneralName(GeneralName.iPAddress, HOST), new GeneralName(GeneralName.dNSName, "localhost")}));
        return new JcaX509CertificateConverter().getCertificate(builder.build(
                new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
    }
}
