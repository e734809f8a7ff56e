package org.facesearch.fetch;

import java.util.regex.Pattern;

/**
 * One pinned npm package: its name ({@code @scope/name} or {@code name}), exact version and the {@code dist.integrity}
 * (sha512, Subresource-Integrity form) it must have. The integrity is the trust anchor: whatever registry serves the
 * tarball, only bytes with this digest are ever unpacked.
 */
public record NpmPackage(String name, String version, String integrity) {
    private static final Pattern NAME = Pattern.compile("(@[a-z0-9][a-z0-9._-]*/)?[a-z0-9][a-z0-9._-]*");
    private static final Pattern VERSION = Pattern.compile("[0-9A-Za-z.+-]+");

    public NpmPackage {
        if (!NAME.matcher(name).matches()) throw new IllegalArgumentException("not an npm package name: " + name);
        if (!VERSION.matcher(version).matches()) throw new IllegalArgumentException("not an exact npm version: " + version);
        if (!integrity.startsWith("sha512-")) throw new IllegalArgumentException("integrity must be sha512-<base64>: " + integrity);
    }

    /** The scope with its {@code @} ({@code @vladmandic}), or empty for an unscoped package. */
    public String scope() {
        int slash = name.indexOf('/');
        return slash < 0 ? "" : name.substring(0, slash);
    }

    /** The file name npm gives the tarball: {@code vladmandic-face-api-1.7.15.tgz}. */
    public String tarballFile() {
        return name.replace("@", "").replace('/', '-') + "-" + version + ".tgz";
    }

    /** {@code name@version}, as npm writes it. */
    @Override
    public String toString() {
        return name + "@" + version;
    }
}
