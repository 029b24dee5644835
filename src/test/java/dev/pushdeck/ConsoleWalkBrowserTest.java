package dev.pushdeck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pushdeck.app.ApnsEnvironment;
import dev.pushdeck.app.CredentialKind;
import dev.pushdeck.campaign.Campaign;
import dev.pushdeck.campaign.CampaignFilter;
import dev.pushdeck.campaign.CampaignKind;
import dev.pushdeck.campaign.CampaignService;
import dev.pushdeck.campaign.CampaignStatus;
import dev.pushdeck.campaign.PushType;
import dev.pushdeck.device.DeviceStatus;
import dev.pushdeck.dispatch.DeliveryStatus;
import dev.pushdeck.dispatch.DemoTeam;
import dev.pushdeck.security.Role;
import dev.pushdeck.security.TestSecurity;
import dev.pushdeck.security.UserService;
import dev.pushdeck.shared.i18n.Messages;
import dev.pushdeck.tenancy.InvitationService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Walks every view as a product manager would, in English and in Simplified Chinese, on a
 * 1280 px desktop and a 390 px phone, and checks in the page what people notice first:
 * grids that need sideways scrolling, chart legends running into each other, a new form
 * that opens with errors, raw enum constants or message keys where words belong. The
 * screenshots land in target/screens/ for people to look at. Needs Debian's chromium and
 * chromium-driver (and a CJK font for readable Chinese screenshots); skip with
 * -DskipBrowserTests=true.
 */
class ConsoleWalkBrowserTest extends BrowserTestBase {

    private static final int DESKTOP = 1280;
    private static final int PHONE = 390;
    private static final int HEIGHT = 900;
    private static final int TALLEST_SCREENSHOT = 4000;
    private static final Path SCREENS = Path.of("target", "screens");
    private static final Duration RESIZE_DEBOUNCE = Duration.ofMillis(600);

    @Autowired
    ApplicationContext context;
    @Autowired
    UserService users;
    @Autowired
    CampaignService campaigns;
    @Autowired
    InvitationService invitations;
    @Autowired
    JdbcClient jdbc;

    private final SoftAssertions softly = new SoftAssertions();
    private int currentWidth;

    /** A view to visit: its address and the name of its screenshots. */
    private record Stop(String name, String path) {
    }

    @Test
    void everyViewReadsWellInEnglishAndChineseOnADesktopAndAPhone() throws Exception {
        TestTeams.Fixture team = teams.create("walk");
        TestSecurity.as(TestSecurity.instanceAdmin(), () -> {
            users.promoteToInstanceAdmin(team.owner().email());
            return null;
        });
        // The fixture's owner accepted an invitation as if on an English page, which stores English as
        // their choice; a person who never chose sees the browser's language (decision 041).
        jdbc.sql("update users set language = null where id = :id").param("id", team.owner().id()).update();
        try (DemoTeam demo = new DemoTeam(context, team)) {
            List<Stop> stops = stops(demo, team);
            clearScreens();
            walk(Locale.ENGLISH, team, stops);
            browser.manage().deleteAllCookies();
            walk(Locale.SIMPLIFIED_CHINESE, team, stops);
        }
        softly.assertAll();
    }

    /** A fresh invitation's secret, as its mail would carry it, for the page a new person opens. */
    private String invitation(TestTeams.Fixture team) {
        return TestSecurity.as(team.as(Role.ADMIN), () -> invitations.invite(
                "new-" + System.nanoTime() + "@test.example", Role.EDITOR)).token();
    }

    /** Screenshots of an earlier walk would pass for this one's. */
    private static void clearScreens() throws Exception {
        Files.createDirectories(SCREENS);
        try (Stream<Path> old = Files.list(SCREENS)) {
            for (Path screen : old.filter(path -> path.toString().endsWith(".png")).toList()) {
                Files.delete(screen);
            }
        }
    }

    private List<Stop> stops(DemoTeam demo, TestTeams.Fixture team) {
        String app = demo.app().id().toString();
        String device = demo.device().id().toString();
        Campaign draft = TestSecurity.as(team.as(Role.EDITOR), () -> campaigns.list(
                new CampaignFilter(CampaignStatus.DRAFT, demo.app().id(), "Autumn"), 0, 1).get(0));
        return List.of(new Stop("dashboard", ""), new Stop("apps", "apps"), new Stop("app", "apps/" + app),
                new Stop("devices", "devices?app=" + app), new Stop("device", "devices/" + device),
                new Stop("device-history", "devices/" + device + "/history"),
                new Stop("device-search", "history/devices"), new Stop("campaigns", "campaigns"),
                new Stop("composer-new", "campaigns/compose"), new Stop("composer-edit", "campaigns/compose/"
                        + draft.id()), new Stop("report", "campaigns/" + demo.sentCampaign() + "/report"),
                new Stop("deliveries", "deliveries?app=" + app), new Stop("members", "team/members"),
                new Stop("tokens", "team/tokens"), new Stop("team-sign-in", "team/sign-in"),
                new Stop("audit", "audit"), new Stop("teams", "teams"),
                new Stop("metrics-tokens", "instance/metrics-tokens"), new Stop("account", "account"));
    }

    /** Signs in with a browser that asks for {@code language} and looks at every stop at both widths. */
    private void walk(Locale language, TestTeams.Fixture team, List<Stop> stops) throws Exception {
        String tag = language.getLanguage();
        browser.executeCdpCommand("Emulation.setUserAgentOverride", Map.of("userAgent",
                browser.executeScript("return navigator.userAgent"), "acceptLanguage",
                language == Locale.ENGLISH ? "en-US,en;q=0.9" : "zh-CN,zh;q=0.9"));
        browser.get("http://localhost:" + port + "/login");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.tagName("vaadin-login-form")));
        settle();
        softly.assertThat(loginButtonText()).as("the login page follows the browser (%s)", tag)
                .isEqualTo(Messages.get(language, "login.submit"));
        look(tag, 0, new Stop("login", "login"));
        for (Stop page : List.of(new Stop("forgot-password", "forgot-password"),
                new Stop("invitation", "invitation/" + invitation(team)))) {
            browser.get("http://localhost:" + port + "/" + page.path());
            settle();
            look(tag, 0, page);
        }
        signIn(team.owner().email(), team.name());
        softly.assertThat(String.valueOf(browser.executeScript("return document.body.innerText")))
                .as("the signed-in console follows the browser (%s)", tag)
                .contains(Messages.get(language, "dashboard.scheduled"));
        for (int i = 0; i < stops.size(); i++) {
            Stop stop = stops.get(i);
            browser.get("http://localhost:" + port + "/" + stop.path());
            settle();
            if (stop.name().equals("device-search")) {
                input("vaadin-text-field").sendKeys("customer-00");
                settle();
            }
            look(tag, i + 1, stop);
        }
    }

    /** Checks and photographs the open page at the desktop width, then at the phone width. */
    private void look(String tag, int index, Stop stop) throws Exception {
        String where = tag + " " + stop.name();
        resize(DESKTOP, HEIGHT, false);
        softly.assertThat(list("return window.pushdeckWalk.gridOverflow()"))
                .as("%s: grids that scroll sideways at %d px", where, DESKTOP).isEmpty();
        softly.assertThat(list("return window.pushdeckWalk.truncatedCells()"))
                .as("%s: grid cells cut off at %d px", where, DESKTOP).isEmpty();
        softly.assertThat(list("return window.pushdeckWalk.rawWords(arguments[0])", rawConstants()))
                .as("%s: raw enum constants or message keys shown as words", where).isEmpty();
        softly.assertThat(legendCollisions()).as("%s: chart texts that overlap or leave the chart", where).isEmpty();
        if (stop.name().equals("composer-new")) {
            softly.assertThat(list("return window.pushdeckWalk.errorsShown()"))
                    .as("%s: errors on a form nobody has touched", where).isEmpty();
        }
        screenshot(tag, index, stop, DESKTOP);
        resize(PHONE, HEIGHT, true);
        softly.assertThat(list("return window.pushdeckWalk.sideways()"))
                .as("%s: the page scrolls sideways on a %d px phone", where, PHONE).isEmpty();
        screenshot(tag, index, stop, PHONE);
    }

    private String loginButtonText() {
        return String.valueOf(browser.executeScript(
                "return document.querySelector('vaadin-login-form-wrapper, vaadin-login-form')"
                        + ".querySelector('vaadin-button[slot=submit]').textContent.trim()"));
    }

    /** Every enum constant a person could meet, as Java names it and as the wire spells it. */
    private static List<String> rawConstants() {
        Set<String> raw = new LinkedHashSet<>();
        Stream.of(DeliveryStatus.values(), CampaignStatus.values(), DeviceStatus.values(), ApnsEnvironment.values(),
                PushType.values(), CredentialKind.values(), Role.values()).flatMap(Stream::of)
                .forEach(constant -> raw.add(constant.name()));
        Stream.of(CampaignKind.CAMPAIGN, CampaignKind.TEST).forEach(kind -> raw.add(kind.name()));
        Stream.of(ApnsEnvironment.values()).forEach(environment -> raw.add(environment.wire()));
        Stream.of(PushType.values()).forEach(type -> raw.add(type.wire()));
        raw.addAll(List.of("passive", "active", "time-sensitive", "critical", "both"));
        return new ArrayList<>(raw);
    }

    /** Draws every chart image into the page as SVG and measures its texts. */
    private List<?> legendCollisions() {
        Object result = browser.executeAsyncScript(
                "window.pushdeckWalk.chartCollisions().then(arguments[arguments.length - 1])");
        return (List<?>) result;
    }

    private List<?> list(String script, Object... arguments) {
        install();
        return (List<?>) browser.executeScript(script, arguments);
    }

    /** Waits until Vaadin has answered every request and the grids have their rows. */
    private void settle() {
        wait.until(driver -> Boolean.TRUE.equals(browser.executeScript("""
                const flow = window.Vaadin && window.Vaadin.Flow;
                if (!flow || !flow.clients) return false;
                const busy = Object.values(flow.clients).some(c => c.isActive && c.isActive());
                const loading = [...document.querySelectorAll('vaadin-grid')].some(g => g.loading);
                const images = [...document.querySelectorAll('img')].every(i => i.complete);
                return !busy && !loading && images && document.readyState === 'complete';
                """)));
        install();
    }

    private void resize(int width, int height, boolean mobile) {
        browser.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", height,
                "deviceScaleFactor", 1, "mobile", mobile));
        wait.until(driver -> ((Number) browser.executeScript("return window.innerWidth")).intValue() == width);
        if (width != currentWidth) {
            // Vaadin reports a new width after a short debounce; views that lay out for phones answer it.
            pause(RESIZE_DEBOUNCE);
            currentWidth = width;
        }
        settle();
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** The whole page, as tall as it is (within reason), at this width. */
    private void screenshot(String tag, int index, Stop stop, int width) throws Exception {
        long tall = ((Number) browser.executeScript("return window.pushdeckWalk.fullHeight()")).longValue();
        resize(width, (int) Math.min(TALLEST_SCREENSHOT, Math.max(HEIGHT, tall)), width == PHONE);
        Map<String, Object> shot = browser.executeCdpCommand("Page.captureScreenshot", Map.of("format", "png"));
        Files.write(SCREENS.resolve(String.format("%s-%d-%02d-%s.png", tag, width, index, stop.name())),
                Base64.getDecoder().decode((String) shot.get("data")));
        resize(width, HEIGHT, width == PHONE);
    }

    /** The page-side checks, defined once per page. */
    private void install() {
        browser.executeScript(CHECKS);
    }

    private static final String CHECKS = """
            if (window.pushdeckWalk) return;
            // Development mode's tools are no part of the product.
            const quiet = document.createElement('style');
            quiet.textContent = 'vaadin-dev-tools, copilot-main { display: none !important; }';
            document.head.appendChild(quiet);
            // Signed-in views scroll inside the app layout; the login page scrolls the document.
            const scroller = () => document.querySelector('vaadin-app-layout')?.shadowRoot.querySelector('[content]')
              || document.scrollingElement;
            const shown = e => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden';
            const grids = () => [...document.querySelectorAll('vaadin-grid')].filter(shown);
            const name = g => g.id || g.className || g.closest('[class]')?.className || 'grid';
            window.pushdeckWalk = {
              fullHeight() {
                const s = scroller();
                return s.getBoundingClientRect().top + s.scrollHeight;
              },
              sideways() {
                const s = scroller();
                if (s.scrollWidth <= s.clientWidth + 1) return [];
                // Name the innermost elements that reach past the right edge: they are the cause.
                const limit = s.getBoundingClientRect().right + 1;
                const beyond = e => shown(e) && e.getBoundingClientRect().right > limit && !e.closest('vaadin-grid');
                const causes = [...document.querySelectorAll('body *')]
                  .filter(e => beyond(e) && ![...e.children].some(beyond))
                  .slice(0, 4).map(e => e.tagName.toLowerCase() + (e.className ? '.' + String(e.className).trim()
                    .split(/\s+/)[0] : '') + ' ' + Math.round(e.getBoundingClientRect().width) + ' px');
                return ['content ' + s.scrollWidth + ' px wide in ' + s.clientWidth + ' px: ' + causes.join(', ')];
              },
              gridOverflow() {
                return grids().map(g => {
                  const table = g.shadowRoot.querySelector('#table');
                  return {grid: name(g), overflow: table.scrollWidth - table.clientWidth};
                }).filter(r => r.overflow > 1).map(r => r.grid + ' by ' + r.overflow + ' px');
              },
              truncatedCells() {
                return grids().flatMap(g => [...g.querySelectorAll('vaadin-grid-cell-content')]
                  .filter(c => shown(c) && c.textContent.trim() && c.scrollWidth > c.clientWidth + 1)
                  .map(c => name(g) + ': ' + c.textContent.trim()));
              },
              rawWords(raw) {
                const constants = new Set(raw);
                return [...document.querySelectorAll('body *')]
                  .filter(e => e.children.length === 0 && shown(e) && !e.closest('code, pre, .wire'))
                  .map(e => e.textContent.trim())
                  .filter(t => constants.has(t) || /^!\\S+\\.\\S+/.test(t));
              },
              errorsShown() {
                const invalid = [...document.querySelectorAll('[invalid]')].filter(shown)
                  .map(e => 'invalid ' + e.tagName.toLowerCase() + ' ' + (e.label || ''));
                const messages = [...document.querySelectorAll('.composer-errors')]
                  .map(e => e.textContent.trim()).filter(t => t);
                return invalid.concat(messages);
              },
              async chartCollisions() {
                const problems = [];
                for (const img of [...document.querySelectorAll('img.chart')]) {
                  const text = await (await fetch(img.src)).text();
                  const host = document.createElement('div');
                  host.style.cssText = 'position:absolute;left:0;top:0;visibility:hidden';
                  host.innerHTML = text;
                  document.body.appendChild(host);
                  const svg = host.querySelector('svg');
                  const frame = svg.getBoundingClientRect();
                  const boxes = [...svg.querySelectorAll('text')].map(t => ({t: t.textContent, r: t.getBoundingClientRect()}));
                  for (const b of boxes) {
                    if (b.r.left < frame.left - 1 || b.r.right > frame.right + 1) {
                      problems.push(img.alt + ': "' + b.t + '" leaves the chart');
                    }
                  }
                  for (let i = 0; i < boxes.length; i++) {
                    for (let j = i + 1; j < boxes.length; j++) {
                      const a = boxes[i].r, b = boxes[j].r;
                      const overlap = Math.min(a.right, b.right) - Math.max(a.left, b.left) > 1
                        && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 1;
                      if (overlap) problems.push(img.alt + ': "' + boxes[i].t + '" overlaps "' + boxes[j].t + '"');
                    }
                  }
                  host.remove();
                }
                return problems;
              }
            };
            """;
}
