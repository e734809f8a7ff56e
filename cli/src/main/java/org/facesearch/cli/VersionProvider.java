package org.facesearch.cli;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar manifest (set by the build), or "development" when run from classes. */
final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = FaceSearchCommand.class.getPackage().getImplementationVersion();
        return new String[] {"facesearch " + (v == null ? "development" : v),
                "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")"};
    }
}
