package org.facesearch.server;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Which stored photo URLs the server may download for a thumbnail. Stored URLs come from outside (VK's answers, CSV
 * imports), so without a rule the thumbnail route would fetch any address for anyone who can plant a row: the
 * server's own ports, the cloud metadata service, the local network. Allowed: {@code http(s)} to a host equal to
 * or under one of {@code hosts} ({@code http.photo-hosts}, by default VK's photo CDN), and only when every
 * address the host resolves to is public, unless {@code privateAddresses} allows loopback, link-local and
 * site-local ones too (tests, a private mirror). Redirects are checked by the same rule hop by hop.
 *
 * @param hosts            allowed host names (lower case); a name also allows its sub-domains
 * @param privateAddresses whether loopback, link-local, site-local and unique-local addresses may be reached
 */
public record PhotoSources(List<String> hosts, boolean privateAddresses) {
    public PhotoSources {
        hosts = hosts.stream().map(h -> h.strip().toLowerCase(Locale.ROOT)).filter(h -> !h.isEmpty()).toList();
    }

    /** From the comma-separated list of {@code http.photo-hosts}. */
    public static PhotoSources parse(String commaSeparatedHosts, boolean privateAddresses) {
        return new PhotoSources(Arrays.asList(commaSeparatedHosts.split(",")), privateAddresses);
    }

    /**
     * Checks one URL (the stored one or a redirect's target) before it is requested.
     *
     * @throws IOException saying why the URL is refused
     */
    void check(URI uri) throws IOException {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) throw new IOException("not an http(s) URL: " + uri);
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        if (hosts.stream().noneMatch(h -> host.equals(h) || host.endsWith("." + h))) {
            throw new IOException("host " + host + " is not in http.photo-hosts");
        }
        if (privateAddresses) return;
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            throw new IOException("unknown host " + host, e);
        }
        for (InetAddress a : addresses) {
            if (isPrivate(a)) throw new IOException(host + " resolves to the private address " + a.getHostAddress());
        }
    }

    private static boolean isPrivate(InetAddress a) {
        byte[] b = a.getAddress();
        boolean uniqueLocalV6 = b.length == 16 && (b[0] & 0xfe) == 0xfc;
        boolean sharedV4 = b.length == 4 && (b[0] & 0xff) == 100 && (b[1] & 0xc0) == 64;  // 100.64.0.0/10
        return a.isLoopbackAddress() || a.isAnyLocalAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress()
                || a.isMulticastAddress() || uniqueLocalV6 || sharedV4;
    }
}
