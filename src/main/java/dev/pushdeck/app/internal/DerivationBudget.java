package dev.pushdeck.app.internal;

import dev.pushdeck.shared.error.ValidationException;
import java.math.BigInteger;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.misc.ScryptParams;
import org.bouncycastle.asn1.pkcs.MacData;
import org.bouncycastle.asn1.pkcs.PBEParameter;
import org.bouncycastle.asn1.pkcs.PBES2Parameters;
import org.bouncycastle.asn1.pkcs.PBKDF2Params;
import org.bouncycastle.asn1.pkcs.PBMAC1Params;
import org.bouncycastle.asn1.pkcs.PKCS12PBEParams;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;

/**
 * The work an uploaded file may ask of the server before anyone knows whether it is any
 * good. Password-based encryption says in the file how hard its keys are to derive
 * (PBKDF2 and PKCS#12 iteration counts, scrypt's N, r and p), so a 64 KB upload could ask
 * for minutes of CPU or gigabytes of memory. Every derivation is checked here before it
 * runs, and one file may ask for only {@value #MAX_DERIVATIONS} of them (its MAC, its
 * encrypted parts, its keys). Refusals name the file's figure and the cap.
 *
 * <p>The caps are far above what exporting tools write (OpenSSL 2,048 iterations and scrypt
 * N×r×p = 131,072; the JDK 10,000; Keychain Access 2,000) and far below what would hurt:
 * {@value #MAX_ITERATIONS} iterations take well under a second. One instance per parsed
 * file; not thread-safe.
 */
final class DerivationBudget {

    static final int MAX_ITERATIONS = 600_000;
    /** scrypt's work is N×r×p and its memory 128×N×r bytes: at most 32 MB here. */
    static final long MAX_SCRYPT_COST = 1L << 18;
    static final int MAX_DERIVATIONS = 8;

    private static final ASN1ObjectIdentifier SCRYPT = new ASN1ObjectIdentifier("1.3.6.1.4.1.11591.4.11");
    private static final String PKCS12_PBE = "1.2.840.113549.1.12.1.";
    private static final String PKCS5_PBES1 = "1.2.840.113549.1.5.";

    private int derivations;

    /** A PKCS#12 MAC: its iteration count, or PBMAC1's key-derivation function. */
    void spendOnMac(MacData mac) {
        AlgorithmIdentifier algorithm = mac.getMac().getAlgorithmId();
        if (PKCSObjectIdentifiers.id_PBMAC1.equals(algorithm.getAlgorithm())) {
            spendOn(algorithm);
        } else {
            count();
            checkIterations(mac.getIterationCount());
        }
    }

    /**
     * One password-based encryption (PKCS#12 PBE, PKCS#5 PBES1 or PBES2, PBMAC1) about to
     * run. Other algorithms derive nothing from a password and cost nothing here.
     *
     * @throws ValidationException on {@code file} when it asks for too much
     */
    void spendOn(AlgorithmIdentifier algorithm) {
        ASN1ObjectIdentifier oid = algorithm.getAlgorithm();
        ASN1Encodable parameters = algorithm.getParameters();
        try {
            if (PKCSObjectIdentifiers.id_PBES2.equals(oid)) {
                spendOnKdf(AlgorithmIdentifier.getInstance(PBES2Parameters.getInstance(parameters)
                        .getKeyDerivationFunc()));
            } else if (PKCSObjectIdentifiers.id_PBMAC1.equals(oid)) {
                spendOnKdf(PBMAC1Params.getInstance(parameters).getKeyDerivationFunc());
            } else if (oid.getId().startsWith(PKCS12_PBE)) {
                count();
                checkIterations(PKCS12PBEParams.getInstance(parameters).getIterations());
            } else if (oid.getId().startsWith(PKCS5_PBES1) && parameters != null) {
                count();
                checkIterations(PBEParameter.getInstance(parameters).getIterationCount());
            }
        } catch (IllegalArgumentException | NullPointerException e) {
            // Parameters that do not parse cannot be derived from either.
            throw new ValidationException("file", "error.credential.unreadable");
        }
    }

    private void spendOnKdf(AlgorithmIdentifier kdf) {
        count();
        if (PKCSObjectIdentifiers.id_PBKDF2.equals(kdf.getAlgorithm())) {
            checkIterations(PBKDF2Params.getInstance(kdf.getParameters()).getIterationCount());
        } else if (SCRYPT.equals(kdf.getAlgorithm())) {
            ScryptParams scrypt = ScryptParams.getInstance(kdf.getParameters());
            BigInteger cost = scrypt.getCostParameter().multiply(scrypt.getBlockSize())
                    .multiply(scrypt.getParallelizationParameter());
            if (cost.compareTo(BigInteger.valueOf(MAX_SCRYPT_COST)) > 0) {
                throw new ValidationException("file", "error.credential.kdf.scrypt", scrypt.getCostParameter(),
                        scrypt.getBlockSize(), scrypt.getParallelizationParameter(), MAX_SCRYPT_COST);
            }
        }
    }

    private void count() {
        derivations++;
        if (derivations > MAX_DERIVATIONS) {
            throw new ValidationException("file", "error.credential.kdf.too-many", MAX_DERIVATIONS);
        }
    }

    private static void checkIterations(BigInteger iterations) {
        if (iterations.compareTo(BigInteger.valueOf(MAX_ITERATIONS)) > 0) {
            throw new ValidationException("file", "error.credential.kdf.iterations", iterations, MAX_ITERATIONS);
        }
    }
}
