package io.cutover.rehearsal;

import io.cutover.json.Json;
import io.cutover.rehearsal.aws.HeadlessChromium;
import io.cutover.rehearsal.local.LocalCloud;
import io.cutover.report.StateOutcomes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every rehearsal run writes its report page; here a succeeded and a rolled-back run, each page
 * opened in headless Chromium (Debian's chromium): the DOM as the browser parsed it holds the
 * execution graph (every state of the machine, coloured by outcome) and the timeline (a bar per
 * state visit, the freeze window), and the screenshot shows the colours. Pages and screenshots
 * stay in target/run-reports to look at.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class RunReportPageTest {
    static final Path OUT = Path.of("target", "run-reports");
    static HeadlessChromium chromium;
    static LocalCloud cloud;
    static Rehearsal rehearsal;
    static int states;

    @BeforeAll
    static void start() throws Exception {
        chromium = HeadlessChromium.locate();
        cloud = QuietRehearsal.cloud();
        rehearsal = QuietRehearsal.on(cloud).writeReportsTo(OUT);
        states = Json.mapper().readTree(cloud.engine().projectRoot().resolve("statemachines/promote-replica.asl.json").toFile())
                .path("States").size();
    }

    @AfterAll
    static void stop() {
        if (cloud != null) cloud.close();
    }

    static RunReport one(RehearsalOptions options) throws Exception {
        List<RunReport> reports = rehearsal.run(options.withVerbose(false));
        assertEquals(1, reports.size());
        return reports.getFirst();
    }

    @Test
    void aSucceededRunsPageRendersWithItsGraphTimelineAndFreezeWindow() throws Exception {
        RunReport r = one(RehearsalOptions.defaults());
        assertTrue(r.execution().succeeded(), r.execution()::toString);
        Path page = rehearsal.page(r.runId()).orElseThrow();
        String html = Files.readString(page);
        assertSelfContained(html);

        String dom = chromium.dumpDom(page);
        assertTrue(dom.contains("id=\"status\" class=\"status succeeded\">SUCCEEDED"), dom);
        assertEquals(states, count(dom, "<g class=\"state\""), "every state of the machine in the graph");
        assertTrue(dom.contains("data-state=\"CompleteRun\" data-type=\"Task\" data-outcome=\"succeeded\""), "coloured by outcome");
        assertTrue(dom.contains("data-state=\"Rollback\" data-type=\"Task\" data-outcome=\"not_visited\""));
        assertTrue(dom.contains("<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"timeline\""), "the timeline");
        assertTrue(count(dom, "class=\"visit\"") >= 20, "a bar per state visit");
        Matcher freeze = Pattern.compile("id=\"freeze-window\" data-seconds=\"([0-9.]+)\"").matcher(dom);
        assertTrue(freeze.find(), "the freeze window is marked");
        assertEquals(r.freezeWindow().toMillis() / 1000.0, Double.parseDouble(freeze.group(1)), 0.002,
                "the page's freeze window is the rehearsal's");
        assertTrue(dom.contains(r.run().position()), "the captured position");
        assertTrue(dom.contains(r.run().resources().get("cdcTaskArn")), "created resources");
        assertEquals(3, count(dom, "<tr class=\"ok\">"), "a data check per table, all equal");

        BufferedImage shot = ImageIO.read(chromium.screenshot(page, OUT.resolve(r.runId() + ".png"), 1280, 3600).toFile());
        assertTrue(pixels(shot, StateOutcomes.Outcome.SUCCEEDED.fill) > 20_000, "green state boxes and bars on the screenshot");
        assertTrue(pixels(shot, StateOutcomes.Outcome.FAILED.fill) < 300, "nothing failed: red only in the legend's swatch");
    }

    @Test
    void aRolledBackRunsPageShowsTheCauseAndTheFailure() throws Exception {
        RunReport r = one(RehearsalOptions.defaults().withFailAt("PromoteReplica"));
        assertFalse(r.execution().succeeded());
        Path page = rehearsal.page(r.runId()).orElseThrow();

        String dom = chromium.dumpDom(page);
        assertTrue(dom.contains("class=\"status failed\">FAILED"), dom);
        assertTrue(dom.contains("<section id=\"cause\" class=\"cause\">"), "the cause on failure");
        assertTrue(dom.contains(r.run().cause().substring(0, 40).replace("&", "&amp;")), "the run item's cause");
        assertTrue(dom.contains("data-state=\"PromoteReplica\" data-type=\"Task\" data-outcome=\"caught\""), dom);
        assertTrue(dom.contains("data-state=\"RolledBack\" data-type=\"Fail\" data-outcome=\"failed\""), dom);
        assertTrue(dom.contains("<p>none made</p>"), "no data check on a rolled back run");

        BufferedImage shot = ImageIO.read(chromium.screenshot(page, OUT.resolve(r.runId() + ".png"), 1280, 3600).toFile());
        assertTrue(pixels(shot, StateOutcomes.Outcome.FAILED.fill) > 1_000, "the failed state is red on the screenshot");
    }

    static void assertSelfContained(String html) {
        assertFalse(html.contains("<script"), "no scripts");
        assertFalse(Pattern.compile("(src|href)=\"(https?:)?//").matcher(html).find(), "nothing fetched");
        assertFalse(html.contains("<link"), "no linked stylesheet");
    }

    static int count(String text, String what) {
        int n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) n++;
        return n;
    }

    /** Pixels of exactly one colour (#rrggbb). */
    static int pixels(BufferedImage image, String colour) {
        int rgb = Integer.parseInt(colour.substring(1), 16);
        int n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) & 0xffffff) == rgb) n++;
            }
        }
        return n;
    }
}
