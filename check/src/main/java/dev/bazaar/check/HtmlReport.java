package dev.bazaar.check;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The scorecard as one self-contained HTML page (no script, nothing fetched): the signs and their verdicts, the
 * service-dependency graph as inline SVG (synchronous calls solid, messages dashed), and every sign's rule and evidence.
 */
public final class HtmlReport {

    private static final int WIDTH = 960;
    private static final int HEIGHT = 620;
    private static final int BOX_W = 150;
    private static final int BOX_H = 34;

    private HtmlReport() {
    }

    public static String html(Scorecard card) {
        StringBuilder out = new StringBuilder();
        out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>Distributed-monolith check of ").append(escape(card.repository())).append("</title>\n")
                .append("<style>").append(STYLE).append("</style>\n</head>\n<body>\n<main>\n")
                .append("<h1>Distributed-monolith check of <code>").append(escape(card.repository()))
                .append("</code></h1>\n");
        long present = card.results().stream().filter(r -> r.verdict() == Verdict.PRESENT).count();
        out.append("<p class=\"headline\">").append(present == 0 ? "No sign of a distributed monolith is present."
                : present + " of 7 signs present.").append(" Exit code ").append(card.exitCode()).append(".</p>\n");
        card.notes().forEach(n -> out.append("<p class=\"note\">Note: ").append(escape(n)).append("</p>\n"));

        out.append("<table id=\"signs\">\n<thead><tr><th scope=\"col\">#</th><th scope=\"col\">Sign</th>")
                .append("<th scope=\"col\">Verdict</th><th scope=\"col\">Finding</th></tr></thead>\n<tbody>\n");
        for (SignResult r : card.results()) {
            out.append("<tr><td>").append(r.sign().number()).append("</td><td><a href=\"#sign-")
                    .append(r.sign().number()).append("\">").append(escape(r.sign().title())).append("</a></td><td>")
                    .append(badge(r.verdict())).append("</td><td>").append(escape(r.summary())).append("</td></tr>\n");
        }
        out.append("</tbody>\n</table>\n");

        out.append("<h2 id=\"graph\">Service dependencies</h2>\n");
        DependencyGraph graph = card.graph();
        if (graph.nodes().isEmpty()) {
            out.append("<p>No services found.</p>\n");
        } else {
            out.append("<p class=\"legend\"><span class=\"sync\">&#8212;&#9654;</span> synchronous call (the caller ")
                    .append("waits) &#160; <span class=\"async\">- - &#9654;</span> message (topic or queue) &#160; ")
                    .append("<span class=\"edgebox\">&#9634;</span> edge component (gateway, UI)</p>\n");
            out.append(svg(graph));
            out.append("<table id=\"edges\">\n<thead><tr><th scope=\"col\">From</th><th scope=\"col\">To</th>")
                    .append("<th scope=\"col\">Kind</th><th scope=\"col\">Through</th><th scope=\"col\">Seen in</th>")
                    .append("</tr></thead>\n<tbody>\n");
            for (DependencyGraph.Edge e : graph.edges()) {
                out.append("<tr class=\"").append(e.synchronous() ? "sync" : "async").append("\"><td>")
                        .append(escape(e.from())).append("</td><td>").append(escape(e.to())).append("</td><td>")
                        .append(e.synchronous() ? "synchronous" : "message").append("</td><td>")
                        .append(escape(e.label())).append("</td><td>").append(escape(e.seenIn()))
                        .append("</td></tr>\n");
            }
            out.append("</tbody>\n</table>\n");
        }

        for (SignResult r : card.results()) {
            out.append("<section id=\"sign-").append(r.sign().number()).append("\">\n<h2>")
                    .append(r.sign().number()).append(". ").append(escape(r.sign().title())).append(" ")
                    .append(badge(r.verdict())).append("</h2>\n<p>").append(escape(r.summary())).append("</p>\n");
            if (!r.threshold().isEmpty()) {
                out.append("<p class=\"rule\"><strong>Rule:</strong> ").append(escape(r.threshold())).append("</p>\n");
            }
            if (!r.evidence().isEmpty()) {
                out.append("<ul class=\"evidence\">\n");
                for (Evidence e : r.evidence()) {
                    out.append("<li><code>").append(escape(e.location())).append("</code> ")
                            .append(escape(e.text())).append("</li>\n");
                }
                out.append("</ul>\n");
            }
            out.append("</section>\n");
        }
        return out.append("</main>\n</body>\n</html>\n").toString();
    }

    /** Nodes on an ellipse, edge components first; edges as curves, so that A to B and B to A do not overlap. */
    static String svg(DependencyGraph graph) {
        List<DependencyGraph.Node> nodes = graph.nodes();
        Map<String, double[]> at = new HashMap<>();
        double cx = WIDTH / 2.0;
        double cy = HEIGHT / 2.0;
        for (int i = 0; i < nodes.size(); i++) {
            double angle = -Math.PI / 2 + 2 * Math.PI * i / nodes.size();
            at.put(nodes.get(i).name(), new double[] {cx + (WIDTH / 2.0 - BOX_W / 2.0 - 20) * Math.cos(angle),
                    cy + (HEIGHT / 2.0 - BOX_H - 20) * Math.sin(angle)});
        }
        StringBuilder svg = new StringBuilder();
        svg.append("<svg id=\"dependency-graph\" role=\"img\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
                .append("\" xmlns=\"http://www.w3.org/2000/svg\">\n<title>Service dependencies: ")
                .append(graph.edges().stream().filter(DependencyGraph.Edge::synchronous).count())
                .append(" synchronous, ").append(graph.edges().stream().filter(e -> !e.synchronous()).count())
                .append(" asynchronous</title>\n<defs>")
                .append(marker("arrow-sync", "#b42318")).append(marker("arrow-async", "#1d4ed8"))
                .append("</defs>\n");
        for (DependencyGraph.Edge e : graph.edges()) {
            double[] a = at.get(e.from());
            double[] b = at.get(e.to());
            if (a == null || b == null || e.from().equals(e.to())) {
                continue;
            }
            // Stop the line at the target box's border rather than its centre, so the arrow shows.
            double dx = b[0] - a[0];
            double dy = b[1] - a[1];
            double scale = Math.min((BOX_W / 2.0 + 4) / Math.max(Math.abs(dx), 1e-9),
                    (BOX_H / 2.0 + 4) / Math.max(Math.abs(dy), 1e-9));
            double ex = b[0] - dx * Math.min(scale, 0.5);
            double ey = b[1] - dy * Math.min(scale, 0.5);
            double mx = (a[0] + ex) / 2 - dy * 0.12;
            double my = (a[1] + ey) / 2 + dx * 0.12;
            svg.append(String.format(Locale.ROOT, "<path class=\"%s\" d=\"M%.1f,%.1f Q%.1f,%.1f %.1f,%.1f\" "
                            + "marker-end=\"url(#arrow-%s)\"><title>%s</title></path>%n",
                    e.synchronous() ? "sync" : "async", a[0], a[1], mx, my, ex, ey,
                    e.synchronous() ? "sync" : "async", escape(e.from() + (e.synchronous() ? " calls " : " messages ")
                            + e.to() + ": " + e.label() + " (" + e.seenIn() + ")")));
        }
        for (DependencyGraph.Node n : nodes) {
            double[] p = at.get(n.name());
            svg.append(String.format(Locale.ROOT, "<g class=\"node%s\"><rect x=\"%.1f\" y=\"%.1f\" width=\"%d\" "
                            + "height=\"%d\" rx=\"6\"/><text x=\"%.1f\" y=\"%.1f\">%s</text></g>%n",
                    n.edge() ? " edge" : "", p[0] - BOX_W / 2.0, p[1] - BOX_H / 2.0, BOX_W, BOX_H, p[0], p[1] + 5,
                    escape(n.name())));
        }
        return svg.append("</svg>\n").toString();
    }

    private static String marker(String id, String colour) {
        return "<marker id=\"" + id + "\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" "
                + "markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"" + colour
                + "\"/></marker>";
    }

    private static String badge(Verdict verdict) {
        return "<span class=\"verdict " + verdict.name().toLowerCase(Locale.ROOT) + "\">" + verdict + "</span>";
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static final String STYLE = """
            body{font-family:system-ui,sans-serif;margin:0;color:#1f2328;background:#fff}
            main{max-width:1000px;margin:0 auto;padding:1rem 1.25rem 3rem}
            h1{font-size:1.5rem}h2{font-size:1.2rem;margin-top:2rem}
            table{border-collapse:collapse;width:100%;margin:.5rem 0}
            th,td{border-bottom:1px solid #d0d7de;padding:.35rem .5rem;text-align:left;vertical-align:top}
            .verdict{display:inline-block;padding:.05rem .45rem;border-radius:.6rem;font-size:.8rem;font-weight:600}
            .clear{background:#dafbe1;color:#116329}.warning{background:#fff8c5;color:#6a4a00}
            .present{background:#ffebe9;color:#a40e26}.not_analysed{background:#eaeef2;color:#424a53}
            .headline{font-size:1.1rem;font-weight:600}.note,.rule{color:#424a53}
            svg{width:100%;height:auto;border:1px solid #d0d7de;border-radius:6px;background:#f6f8fa}
            svg .node rect{fill:#fff;stroke:#424a53;stroke-width:1.5}svg .node.edge rect{fill:#eaeef2;stroke-dasharray:4 3}
            svg text{font-size:14px;text-anchor:middle;fill:#1f2328}
            svg path.sync{fill:none;stroke:#b42318;stroke-width:2.2}
            svg path.async{fill:none;stroke:#1d4ed8;stroke-width:1.4;stroke-dasharray:6 4}
            .legend .sync{color:#b42318;font-weight:700}.legend .async{color:#1d4ed8;font-weight:700}
            ul.evidence{padding-left:1.1rem}ul.evidence li{margin:.2rem 0;overflow-wrap:anywhere}
            code{font-size:.85rem}
            """;
}
