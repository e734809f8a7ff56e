package org.facesearch.gallery;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a gallery list as CSV with the columns {@code path,name,url} (url may be empty): one row per photo,
 * relative paths resolved against the CSV's folder. A first row {@code path,name,url} is taken as a header.
 * Fields may be quoted with {@code "} (RFC 4180: {@code ""} inside quotes is a quote), so names may hold commas.
 */
public final class GalleryCsv {
    private GalleryCsv() {
    }

    public static List<GalleryEntry> read(Path csv) throws IOException {
        Path base = csv.toAbsolutePath().getParent();
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        List<GalleryEntry> entries = new ArrayList<>();
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n);
            if (line.isBlank() || (n == 0 && line.strip().replace(" ", "").equalsIgnoreCase("path,name,url"))) {
                continue;
            }
            List<String> fields = fields(line);
            if (fields.size() < 2 || fields.size() > 3 || fields.get(0).isBlank() || fields.get(1).isBlank()) {
                throw new IOException(csv + " line " + (n + 1) + ": expected path,name,url but found: " + line);
            }
            String url = fields.size() == 3 && !fields.get(2).isBlank() ? fields.get(2).strip() : null;
            entries.add(new GalleryEntry(fields.get(1), base.resolve(fields.get(0).strip()), url));
        }
        return entries;
    }

    static List<String> fields(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
    }
}
