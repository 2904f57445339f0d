package io.flightdeck.report;

import io.flightdeck.model.ReleaseEvent;
import io.flightdeck.model.ReleasePhase;
import io.flightdeck.model.ReleaseSnapshot;
import io.flightdeck.model.ReleaseStep;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import static io.flightdeck.report.Html.esc;

/**
 * A release report as one self-contained HTML page: inline CSS, charts as inline SVG ({@link SvgCharts}), no
 * scripts, fonts or images from anywhere. It shows the outcome, the plan and its steps, the weight over time, each
 * gate metric's values against its threshold, every measurement, and every action with actor and time. All text
 * from the cluster is escaped. Stateless; any thread.
 */
public final class ReportHtml {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private static final String CSS = """
            body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;margin:24px auto;
            max-width:940px;color:#1b1b1b;background:#fff;font-size:15px;line-height:1.4}
            h1{font-size:26px;margin:0 0 4px}h2{font-size:19px;margin:28px 0 8px;border-bottom:1px solid #ddd;
            padding-bottom:4px}.sub{color:#555;margin:0 0 12px}
            .outcome{display:inline-block;padding:6px 14px;border-radius:4px;font-weight:700;color:#fff;font-size:17px}
            .o-SUCCEEDED{background:#2e7d32}.o-ABORTED,.o-ABORTING{background:#c62828}
            .o-PROGRESSING,.o-PAUSED{background:#ef8f00}
            table{border-collapse:collapse;width:100%;font-size:13px}th,td{text-align:left;vertical-align:top;
            padding:4px 6px;border-bottom:1px solid #e5e5e5}th{background:#f3f3f3}
            table.facts th{width:160px;background:none;color:#555;font-weight:600}
            .steps{display:flex;flex-wrap:wrap;gap:6px;list-style:none;padding:0;margin:0}
            .step{padding:5px 10px;border-radius:4px;border:1px solid #bbb;font-size:14px}
            .s-DONE{background:#e3f1e4;border-color:#2e7d32}.s-CURRENT{background:#fff3d6;border-color:#ef8f00;
            font-weight:700}.s-FAILED{background:#fde2e2;border-color:#c62828;font-weight:700}.s-WAITING{color:#666}
            .p-SUCCESSFUL,.passed,.ok,.succeeded,.done{color:#2e7d32;font-weight:600}
            .p-FAILED,.p-ERROR,.failed{color:#c62828;font-weight:700}.p-INCONCLUSIVE{color:#b36b00;font-weight:600}
            .details{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:12px;white-space:pre-wrap;
            word-break:break-word}svg.chart{display:block;margin:8px 0 16px;max-width:100%;height:auto}
            .muted{color:#777}footer{margin-top:32px;color:#777;font-size:12px}
            """;

    private ReportHtml() {
    }

    public static String render(ReleaseReport r) {
        StringBuilder b = new StringBuilder(16_384);
        String title = "Release " + r.id() + ": " + r.plan().strategy().kind().name().toLowerCase(Locale.ROOT)
                + " of " + r.plan().target();
        b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">")
                .append("<title>").append(esc(title)).append("</title><style>").append(CSS).append("</style></head>")
                .append("<body>\n");
        b.append("<h1>").append(esc(title)).append("</h1>\n");
        b.append("<p class=\"sub\">to ").append(esc(r.plan().change())).append("</p>\n");
        b.append("<p><span class=\"outcome o-").append(r.phase().name()).append("\" id=\"outcome\">")
                .append(esc(r.outcome())).append("</span></p>\n");
        facts(b, r);
        steps(b, r);
        charts(b, r);
        measurements(b, r);
        actions(b, r);
        b.append("<footer>Exported by Flightdeck from the release journal (ConfigMap in ")
                .append(esc(r.plan().target().namespace())).append(").</footer>\n</body></html>\n");
        return b.toString();
    }

    private static void facts(StringBuilder b, ReleaseReport r) {
        b.append("<table class=\"facts\">");
        row(b, "Release", r.id());
        row(b, "Target", r.plan().target().toString());
        row(b, "Strategy", r.plan().strategy().kind().name());
        row(b, "Change", r.plan().change().toString());
        row(b, "Started", time(r.started()));
        row(b, "Last event", time(r.ended()));
        row(b, "Outcome", r.outcome());
        if (!r.error().isEmpty()) {
            row(b, "Error", r.error());
        }
        r.actions().stream().filter(e -> e.action().equals("start")).findFirst()
                .ifPresent(e -> row(b, "Started by", e.actor().toString()));
        b.append("</table>\n");
    }

    private static void steps(StringBuilder b, ReleaseReport r) {
        b.append("<h2 id=\"steps\">Steps</h2>\n<p class=\"muted\">Planned: ");
        List<ReleaseStep> plan = r.plan().steps();
        b.append(plan.isEmpty() ? "no pauses" : esc(String.join(", ", plan.stream().map(Object::toString).toList())))
                .append("</p>\n<ol class=\"steps\">");
        for (int i = 0; i < r.steps().size(); i++) {
            ReleaseSnapshot.StepView s = r.steps().get(i);
            b.append("<li class=\"step s-").append(s.state().name()).append("\" title=\"")
                    .append(s.state().name().toLowerCase(Locale.ROOT)).append("\">").append(i + 1).append(". ")
                    .append(esc(s.name())).append(" <span class=\"muted\">(")
                    .append(s.state().name().toLowerCase(Locale.ROOT)).append(")</span></li>");
        }
        b.append("</ol>\n");
        if (r.aborting() || r.phase() == ReleasePhase.ABORTED) {
            b.append("<p class=\"muted\">These are the abort steps that put everything back.</p>\n");
        }
        if (r.stepRuns().isEmpty()) {
            return;
        }
        b.append("<h3>Steps as they ran</h3>\n<table id=\"step-runs\"><tr><th>Time</th><th>Step</th><th>Outcome</th>")
                .append("<th>Note</th></tr>\n");
        for (ReleaseReport.StepRun s : r.stepRuns()) {
            String outcome = s.outcome().equals("aborted here") ? "failed" : s.outcome();
            b.append("<tr><td>").append(time(s.time())).append("</td><td>").append(s.abort() ? "abort: " : "")
                    .append(esc(s.step())).append("</td><td class=\"").append(esc(outcome)).append("\">")
                    .append(esc(s.outcome())).append("</td><td>").append(esc(s.note())).append("</td></tr>\n");
        }
        b.append("</table>\n");
    }

    private static void charts(StringBuilder b, ReleaseReport r) {
        if (r.started() == null) {
            return;
        }
        SvgCharts.Span span = new SvgCharts.Span(r.started(), r.ended());
        if (!r.weights().isEmpty()) {
            b.append("<h2 id=\"weight\">Weight over time</h2>\n").append(SvgCharts.weights(r.weights(), span))
                    .append('\n');
        }
        b.append("<h2 id=\"gates\">Gate measurements</h2>\n");
        if (r.measurements().isEmpty()) {
            b.append("<p class=\"muted\">No gate measured anything in this release.</p>\n");
            return;
        }
        for (String metric : r.metrics()) {
            List<GateMeasurement> ms = r.measurements().stream()
                    .filter(m -> (m.analysis() + " / " + m.metric()).equals(metric)).toList();
            String condition = ms.stream().map(GateMeasurement::condition).filter(c -> !c.isEmpty()).findFirst()
                    .orElse("");
            b.append("<h3>").append(esc(metric)).append(condition.isEmpty() ? "" : " <span class=\"muted\">(pass: "
                    + esc(condition) + ")</span>").append("</h3>\n");
            b.append(SvgCharts.metric(metric, ms, span)).append('\n');
        }
    }

    private static void measurements(StringBuilder b, ReleaseReport r) {
        if (r.measurements().isEmpty()) {
            return;
        }
        b.append("<table id=\"measurements\"><tr><th>Time</th><th>Analysis</th><th>Metric</th><th>Value</th>")
                .append("<th>Phase</th><th>Condition</th><th>Gate</th></tr>\n");
        for (GateMeasurement m : r.measurements()) {
            b.append("<tr><td>").append(time(m.time())).append("</td><td>").append(esc(m.analysis()))
                    .append("</td><td>").append(esc(m.metric())).append("</td><td>")
                    .append(m.values().isEmpty() ? "no data" : esc(String.join(", ",
                            m.values().stream().map(SvgCharts::num).toList())))
                    .append("</td><td class=\"p-").append(esc(m.phase())).append("\">").append(esc(m.phase()))
                    .append("</td><td>").append(esc(m.condition())).append("</td><td class=\"").append(esc(m.gate()))
                    .append("\">").append(esc(m.gate())).append("</td></tr>\n");
        }
        b.append("</table>\n");
    }

    private static void actions(StringBuilder b, ReleaseReport r) {
        b.append("<h2 id=\"actions\">Actions</h2>\n<table><tr><th>Time</th><th>Actor</th><th>Action</th>")
                .append("<th>Outcome</th><th>Details</th></tr>\n");
        for (ReleaseEvent e : r.actions()) {
            b.append("<tr><td>").append(time(e.time())).append("</td><td>").append(esc(e.actor()))
                    .append("</td><td>").append(esc(e.action())).append("</td><td class=\"").append(esc(e.outcome()))
                    .append("\">").append(esc(e.outcome())).append("</td><td class=\"details\">");
            StringBuilder d = new StringBuilder();
            for (Map.Entry<String, String> x : new TreeMap<>(e.details()).entrySet()) {
                if (x.getKey().matches(".+#\\d+")) {
                    continue;
                }
                d.append(d.isEmpty() ? "" : "\n").append(x.getKey()).append(": ").append(x.getValue());
            }
            long measured = e.details().keySet().stream().filter(k -> k.matches(".+#\\d+")).count();
            if (measured > 0) {
                d.append(d.isEmpty() ? "" : "\n").append(measured).append(" measurements (in the table above)");
            }
            b.append(esc(d)).append("</td></tr>\n");
        }
        b.append("</table>\n");
    }

    private static void row(StringBuilder b, String name, String value) {
        b.append("<tr><th>").append(esc(name)).append("</th><td>").append(esc(value)).append("</td></tr>");
    }

    private static String time(Instant t) {
        return t == null ? "-" : TIME.format(t);
    }
}
