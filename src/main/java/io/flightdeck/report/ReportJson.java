package io.flightdeck.report;

import io.flightdeck.model.Actor;
import io.flightdeck.model.ReleaseEvent;
import io.flightdeck.model.ReleaseSnapshot;
import io.flightdeck.model.ReleaseStep;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * A release report as JSON: {@code release}, {@code target}, {@code strategy}, {@code change}, {@code plan} (the
 * steps as planned), {@code steps} (with their states), {@code stepsRun} (forward and abort steps as they
 * ran), {@code outcome}, {@code actions} (time, actor, action,
 * outcome, details), {@code measurements} (every gate measurement with its condition and threshold) and
 * {@code weights}. Times are ISO-8601 UTC; a missing number (no data) is null. Stateless; any thread.
 */
public final class ReportJson {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private ReportJson() {
    }

    public static String render(ReleaseReport r) {
        return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(tree(r)) + "\n";
    }

    static ObjectNode tree(ReleaseReport r) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("release", r.id());
        ObjectNode target = root.putObject("target");
        target.put("namespace", r.plan().target().namespace());
        target.put("deployment", r.plan().target().name());
        root.put("strategy", r.plan().strategy().kind().name());
        ObjectNode change = root.putObject("change");
        ObjectNode images = change.putObject("images");
        new TreeMap<>(r.plan().change().images()).forEach(images::put);
        change.put("templatePatch", r.plan().change().templatePatch());
        ArrayNode plan = root.putArray("plan");
        for (ReleaseStep s : r.plan().steps()) {
            ObjectNode n = plan.addObject();
            n.put("kind", s.kind().name());
            n.put("text", s.toString());
            if (s.kind() == ReleaseStep.Kind.SET_WEIGHT) {
                n.put("percent", s.percent());
            }
            if (s.duration() != null) {
                n.put("durationSeconds", s.duration().toSeconds());
            }
            if (!s.analysis().isEmpty()) {
                n.put("analysis", s.analysis());
            }
        }
        ArrayNode steps = root.putArray("steps");
        for (int i = 0; i < r.steps().size(); i++) {
            ReleaseSnapshot.StepView v = r.steps().get(i);
            steps.addObject().put("index", i).put("name", v.name()).put("state", v.state().name());
        }
        ArrayNode runs = root.putArray("stepsRun");
        for (ReleaseReport.StepRun s : r.stepRuns()) {
            runs.addObject().put("time", time(s.time())).put("abort", s.abort()).put("step", s.step())
                    .put("outcome", s.outcome()).put("note", s.note());
        }
        ObjectNode outcome = root.putObject("outcome");
        outcome.put("phase", r.phase().name());
        outcome.put("text", r.outcome());
        outcome.put("reason", r.reason());
        outcome.put("error", r.error());
        outcome.put("started", time(r.started()));
        outcome.put("lastEvent", time(r.ended()));
        ArrayNode actions = root.putArray("actions");
        for (ReleaseEvent e : r.actions()) {
            ObjectNode n = actions.addObject();
            n.put("time", time(e.time()));
            actor(n.putObject("actor"), e.actor());
            n.put("action", e.action());
            n.put("outcome", e.outcome());
            ObjectNode details = n.putObject("details");
            for (Map.Entry<String, String> d : new TreeMap<>(e.details()).entrySet()) {
                details.put(d.getKey(), d.getValue());
            }
        }
        ArrayNode measurements = root.putArray("measurements");
        for (GateMeasurement m : r.measurements()) {
            ObjectNode n = measurements.addObject();
            n.put("analysis", m.analysis());
            n.put("metric", m.metric());
            n.put("time", time(m.time()));
            ArrayNode values = n.putArray("values");
            m.values().forEach(v -> {
                if (Double.isFinite(v)) {
                    values.add(v);
                } else {
                    values.addNull();
                }
            });
            n.put("phase", m.phase());
            n.put("condition", m.condition());
            if (Double.isFinite(m.threshold())) {
                n.put("threshold", m.threshold());
            } else {
                n.putNull("threshold");
            }
            n.put("message", m.message());
            n.put("gate", m.gate());
        }
        ArrayNode weights = root.putArray("weights");
        r.weights().forEach(w -> weights.addObject().put("time", time(w.time())).put("weight", w.weight()));
        return root;
    }

    private static void actor(ObjectNode n, Actor a) {
        n.put("kubeUser", a.kubeUser());
        n.put("osUser", a.osUser());
        n.put("host", a.host());
    }

    private static String time(Instant t) {
        return t == null ? null : t.toString();
    }
}
