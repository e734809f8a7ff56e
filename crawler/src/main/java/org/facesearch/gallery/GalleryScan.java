package org.facesearch.gallery;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Lists a gallery laid out as one sub-folder per person (the folder name is the person's name), with that
 * person's photos in it (nested folders included). Files directly in the root, hidden files and files that do
 * not end in an image extension are ignored. The order is sorted, so reruns see the same batches.
 */
public final class GalleryScan {
    static final Set<String> IMAGE_EXTENSIONS = Set.of("jpg", "jpeg", "png", "bmp", "gif", "webp");

    private GalleryScan() {
    }

    public static List<GalleryEntry> folders(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            throw new IOException(root + " is not a directory");
        }
        List<GalleryEntry> entries = new ArrayList<>();
        try (Stream<Path> people = Files.list(root)) {
            for (Path person : people.filter(Files::isDirectory).filter(p -> !hidden(p)).sorted().toList()) {
                try (Stream<Path> files = Files.walk(person)) {
                    files.filter(Files::isRegularFile).filter(f -> !hidden(f)).filter(GalleryScan::isImageName)
                            .sorted(Comparator.naturalOrder())
                            .forEach(f -> entries.add(new GalleryEntry(person.getFileName().toString(), f, null)));
                }
            }
        }
        return entries;
    }

    static boolean isImageName(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 && IMAGE_EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    private static boolean hidden(Path p) {
        return p.getFileName().toString().startsWith(".");
    }
}
