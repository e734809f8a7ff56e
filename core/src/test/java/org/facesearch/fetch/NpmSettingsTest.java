package org.facesearch.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The registry is chosen as npm chooses it: environment over user npmrc over global npmrc, scope over plain. */
class NpmSettingsTest {
    private static final NpmPackage SCOPED = new NpmPackage("@vladmandic/face-api", "1.7.15", "sha512-x");
    private static final NpmPackage PLAIN = new NpmPackage("left-pad", "1.3.0", "sha512-x");

    @Test
    void withNothingConfiguredThePublicRegistryIsUsed() throws IOException {
        assertEquals(NpmSettings.PUBLIC_REGISTRY, new NpmSettings(Map.of(), List.of()).registry(SCOPED));
    }

    @Test
    void theEnvironmentOverridesTheUserFileWhichOverridesTheGlobalFile(@TempDir Path dir) throws IOException {
        Path global = Files.writeString(dir.resolve("global"), "registry=https://global.example/npm\n");
        Path user = Files.writeString(dir.resolve("user"), "; a comment\nregistry = \"https://user.example/npm/\"\n");
        assertEquals(URI.create("https://global.example/npm/"), new NpmSettings(Map.of(), List.of(global)).registry(PLAIN));
        assertEquals(URI.create("https://user.example/npm/"), new NpmSettings(Map.of(), List.of(global, user)).registry(PLAIN));
        assertEquals(URI.create("http://127.0.0.1:4873/"),
                new NpmSettings(Map.of("NPM_CONFIG_REGISTRY", "http://127.0.0.1:4873"), List.of(global, user)).registry(PLAIN));
    }

    @Test
    void aScopesRegistryWinsForThatScopeOnly(@TempDir Path dir) throws IOException {
        Path user = Files.writeString(dir.resolve("npmrc"), "registry=https://all.example/\n@vladmandic:registry=https://mirror.example/vm/\n");
        var settings = new NpmSettings(Map.of(), List.of(user));
        assertEquals(URI.create("https://mirror.example/vm/"), settings.registry(SCOPED));
        assertEquals(URI.create("https://all.example/"), settings.registry(PLAIN));
    }

    @Test
    void theAuthTokenIsTheOneForThatRegistryWithVariablesExpanded(@TempDir Path dir) throws IOException {
        Path user = Files.writeString(dir.resolve("npmrc"), "registry=https://corp.example/npm/proxy/\n"
                + "//corp.example/npm/:_authToken=${CORP_TOKEN}\n//other.example/:_authToken=not-this\n");
        var settings = new NpmSettings(Map.of("CORP_TOKEN", "s3cret"), List.of(user));
        assertEquals(Optional.of("s3cret"), settings.authToken(settings.registry(PLAIN)));
        assertEquals(Optional.empty(), settings.authToken(URI.create("https://third.example/")));
    }

    @Test
    void aRegistryThatIsNotHttpIsRefused() {
        var e = assertThrows(IOException.class, () -> new NpmSettings(Map.of("npm_config_registry", "file:///tmp/x"), List.of()).registry(PLAIN));
        assertEquals("the npm registry setting 'file:///tmp/x' is not an http(s) URL", e.getMessage());
    }
}
