package dev.bazaar.check;

import java.util.ArrayList;
import java.util.List;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.expr.ConditionalExpr;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.nodeTypes.NodeWithStatements;
import com.github.javaparser.ast.nodeTypes.SwitchNode;
import com.github.javaparser.ast.stmt.BreakStmt;
import com.github.javaparser.ast.stmt.ContinueStmt;
import com.github.javaparser.ast.stmt.DoStmt;
import com.github.javaparser.ast.stmt.ForEachStmt;
import com.github.javaparser.ast.stmt.ForStmt;
import com.github.javaparser.ast.stmt.IfStmt;
import com.github.javaparser.ast.stmt.ReturnStmt;
import com.github.javaparser.ast.stmt.Statement;
import com.github.javaparser.ast.stmt.SwitchEntry;
import com.github.javaparser.ast.stmt.ThrowStmt;
import com.github.javaparser.ast.stmt.WhileStmt;
import com.github.javaparser.ast.stmt.YieldStmt;

/**
 * Which parts of a method run together, from its syntax tree: what one run of a handler can wait on (sign 1) and
 * write (sign 6) leaves out calls in branches that exclude each other.
 */
final class Branches {

    private Branches() {
    }

    /**
     * Whether two nodes of {@code method} never both run in one run of it: they sit in different arms of an if/else,
     * a conditional expression or a switch (without falling through from one case to the other), or the earlier one
     * sits in a branch that a return or throw ends. Not when that choice is made again and again (in a loop, in a
     * lambda, which may be called for each element).
     */
    static boolean exclusive(Node x, Node y, Node method) {
        List<Node> upX = ancestors(x);
        Node childY = y;
        Node common = y;
        while (common != null && indexOf(upX, common) < 0) {
            childY = common;
            common = common.getParentNode().orElse(null);
        }
        if (common == null || common == x || common == y || repeats(common, method)) {
            return false;
        }
        Node childX = upX.get(indexOf(upX, common) - 1);
        if (common instanceof IfStmt i) {
            return i.getElseStmt().isPresent() && arms(childX, childY, i.getThenStmt(), i.getElseStmt().get());
        }
        if (common instanceof ConditionalExpr c) {
            return arms(childX, childY, c.getThenExpr(), c.getElseExpr());
        }
        if (common instanceof SwitchNode s && childX instanceof SwitchEntry ex && childY instanceof SwitchEntry ey) {
            List<SwitchEntry> entries = s.getEntries();
            int i = Math.min(indexOf(entries, ex), indexOf(entries, ey));
            int j = Math.max(indexOf(entries, ex), indexOf(entries, ey));
            // A case whose statements end without break, return, throw... runs on into the next one.
            return entries.subList(i, j).stream().anyMatch(e -> e.getType() != SwitchEntry.Type.STATEMENT_GROUP
                    || e.getStatements().getLast().filter(Branches::jumps).isPresent());
        }
        // Statements in sequence (not a try and its finally, which runs after a return too).
        if (common instanceof NodeWithStatements<?> && childX instanceof Statement && childY instanceof Statement) {
            boolean xFirst = indexOf(common.getChildNodes(), childX) < indexOf(common.getChildNodes(), childY);
            return xFirst ? ends(x, childX) : ends(y, childY);
        }
        return false;
    }

    private static boolean arms(Node childX, Node childY, Node then, Node otherwise) {
        return childX == then && childY == otherwise || childX == otherwise && childY == then;
    }

    /** Whether a return or throw ends the method after {@code n}, within {@code branch} (a statement holding it). */
    private static boolean ends(Node n, Node branch) {
        boolean ends = false;
        for (Node at = n; at != branch; at = at.getParentNode().orElseThrow()) {
            Node parent = at.getParentNode().orElseThrow();
            if (at instanceof LambdaExpr || at instanceof TypeDeclaration<?> || at instanceof ObjectCreationExpr) {
                ends = false; // a return in a lambda or an inner class ends that, not the method
            } else if (at instanceof ReturnStmt || at instanceof ThrowStmt) {
                ends = true;
            } else if (at instanceof Statement && parent instanceof NodeWithStatements<?> block) {
                List<Statement> statements = block.getStatements();
                ends |= statements.subList(indexOf(statements, at), statements.size()).stream()
                        .anyMatch(st -> st instanceof ReturnStmt || st instanceof ThrowStmt);
            }
        }
        return ends;
    }

    private static boolean jumps(Statement s) {
        return s instanceof BreakStmt || s instanceof ReturnStmt || s instanceof ThrowStmt || s instanceof ContinueStmt
                || s instanceof YieldStmt;
    }

    /** Whether {@code n} may run more than once per run of {@code method}: in a loop or a lambda within it. */
    static boolean repeats(Node n, Node method) {
        for (Node at = n; at != null && at != method; at = at.getParentNode().orElse(null)) {
            if (at instanceof ForStmt || at instanceof ForEachStmt || at instanceof WhileStmt || at instanceof DoStmt
                    || at instanceof LambdaExpr) {
                return true;
            }
        }
        return false;
    }

    /** {@code n} and its ancestors, nearest first. */
    private static List<Node> ancestors(Node n) {
        List<Node> out = new ArrayList<>();
        for (Node at = n; at != null; at = at.getParentNode().orElse(null)) {
            out.add(at);
        }
        return out;
    }

    /** The position of a node in a list, by identity (nodes are equal by structure). */
    private static int indexOf(List<? extends Node> nodes, Node n) {
        for (int i = 0; i < nodes.size(); i++) {
            if (nodes.get(i) == n) {
                return i;
            }
        }
        return -1;
    }
}
