package org.facesearch.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * A plain-text table for the terminal: each column as wide as its widest cell (header included), numbers aligned
 * right, text left, two spaces between columns and no trailing blanks, so that long names never push the
 * following columns out of line.
 */
final class TextTable {
    private final List<String> headers = new ArrayList<>();
    private final List<Boolean> rightAligned = new ArrayList<>();
    private final List<String[]> rows = new ArrayList<>();

    /** Adds a left-aligned column. */
    TextTable text(String header) {
        return column(header, false);
    }

    /** Adds a right-aligned column. */
    TextTable number(String header) {
        return column(header, true);
    }

    private TextTable column(String header, boolean right) {
        headers.add(header);
        rightAligned.add(right);
        return this;
    }

    void row(String... cells) {
        if (cells.length != headers.size()) {
            throw new IllegalArgumentException(cells.length + " cells for " + headers.size() + " columns");
        }
        rows.add(cells.clone());
    }

    void print(PrintWriter out, String indent) {
        int[] widths = new int[headers.size()];
        for (int c = 0; c < widths.length; c++) {
            widths[c] = headers.get(c).length();
            for (String[] row : rows) widths[c] = Math.max(widths[c], row[c].length());
        }
        printLine(out, indent, headers.toArray(String[]::new), widths);
        for (String[] row : rows) printLine(out, indent, row, widths);
    }

    private void printLine(PrintWriter out, String indent, String[] cells, int[] widths) {
        StringBuilder line = new StringBuilder(indent);
        for (int c = 0; c < cells.length; c++) {
            if (c > 0) line.append("  ");
            String pad = " ".repeat(widths[c] - cells[c].length());
            line.append(rightAligned.get(c) ? pad + cells[c] : cells[c] + pad);
        }
        out.println(line.toString().stripTrailing());
    }
}
