package org.facesearch.server;

/** The server's own URLs that responses point to, in one place so routes and links cannot drift apart. */
final class Urls {
    private Urls() {
    }

    static String thumbnail(long faceId) {
        return "/api/faces/" + faceId + "/thumbnail";
    }

    static String photo(long faceId) {
        return "/api/faces/" + faceId + "/photo";
    }

    static String profile(long profileId) {
        return "/api/profiles/" + profileId;
    }
}
