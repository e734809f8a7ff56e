package org.facesearch.crawl.vk;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * A fake VK API and photo CDN on 127.0.0.1 (random port) for tests, speaking VK's documented JSON over real HTTP.
 *
 * <p>API ({@link #endpoint()}, {@code /method/<name>}, form or query parameters, the token in {@code access_token}):
 * <ul>
 *   <li>{@code users.get}: {@code {"response":[{"id":1,"first_name":…,"last_name":…,"can_access_closed":true,
 *       "is_closed":false, …requested fields}]}}; the fields {@code photo_max_orig, has_photo, photo_id,
 *       screen_name} appear only when requested; deleted/banned users carry {@code "deactivated"} and VK's
 *       {@code deactivated_400.png}, users without a photo {@code has_photo: 0} and {@code camera_400.png};
 *       {@code user_ids} takes ids and screen names; unknown ids are left out, as VK does.</li>
 *   <li>{@code groups.getMembers}: {@code {"response":{"count":N,"items":[ids]}}}, or user objects as in
 *       {@code users.get} when {@code fields} is given; {@code offset}/{@code count} (max 1000), group by id or
 *       short name; an unknown group is error 100. Members not added as users are active users with a photo.</li>
 *   <li>{@code execute}: runs the {@code return [API.m({...}), …];} code the SDK's {@code ExecuteBatchQuery}
 *       generates; a failing inner call answers {@code false} and adds
 *       {@code {"method":…,"error_code":…,"error_msg":…}} to {@code "execute_errors"}. An execute is one request
 *       for rate limits and scripted failures, as at VK.</li>
 *   <li>errors: {@code {"error":{"error_code":6,"error_msg":"Too many requests per second",
 *       "request_params":[{"key":"oauth","value":"1"},{"key":"method","value":"users.get"},…]}}}; today's VK
 *       leaves a non-empty {@code access_token} out of {@code request_params}, and so does this fake.</li>
 * </ul>
 * Scripting: {@link #failNext}, {@link #failNextHttp}, {@link #failToken}, {@link #failUser}. Records: {@link #calls()} (method, token,
 * arrival time) and {@link #photoRequests()}.
 *
 * <p>Photos ({@code /photos/<name>}): files added with {@link #photo}, generated JPEGs {@code u<id>.jpg} for
 * {@link #addUsers}, {@link #BROKEN_PHOTO} (garbage served as image/jpeg), VK's placeholders under
 * {@code /images/}, and an optional per-photo delay ({@link #delayPhoto}). Every response names
 * {@code Content-Type} in exactly that case (see {@link RawHttpServer}).
 */
public final class FakeVkServer implements AutoCloseable {
    /** A photo name whose body is not an image. */
    public static final String BROKEN_PHOTO = "broken.jpg";

    /** One API request as the server saw it. {@code nanoTime} is {@link System#nanoTime()} at arrival. */
    public record Call(String method, String token, long nanoTime, Map<String, String> params) {
    }

    /**
     * A user of the fake VK. {@code photo} is a name under {@code /photos/} or null for none; {@code deactivated}
     * is null, {@code "deleted"} or {@code "banned"}.
     */
    public record User(long id, String firstName, String lastName, String screenName, String photo, String deactivated,
                       boolean closed) {
        public static User active(long id, String photo) {
            return new User(id, "First" + id, "Last" + id, null, photo, null, false);
        }

        public User withScreenName(String name) {
            return new User(id, firstName, lastName, name, photo, deactivated, closed);
        }

        public User withDeactivated(String how) {
            return new User(id, firstName, lastName, screenName, photo, how, closed);
        }

        public User withClosed() {
            return new User(id, firstName, lastName, screenName, photo, deactivated, true);
        }
    }

    private static final Map<Integer, String> MESSAGES = Map.ofEntries(
            Map.entry(5, "User authorization failed: invalid access_token (4)."),
            Map.entry(6, "Too many requests per second"),
            Map.entry(9, "Flood control"),
            Map.entry(10, "Internal server error"),
            Map.entry(12, "Unable to compile code"),
            Map.entry(13, "Runtime error occurred during code invocation"),
            Map.entry(15, "Access denied"),
            Map.entry(18, "User was deleted or banned"),
            Map.entry(29, "Rate limit reached"),
            Map.entry(30, "This profile is private"),
            Map.entry(100, "One of the parameters specified was missing or invalid"));

    private static final class VkError extends RuntimeException {
        final int code;

        VkError(int code, String detail) {
            super(MESSAGES.getOrDefault(code, "Unknown error occurred") + (detail == null ? "" : ": " + detail));
            this.code = code;
        }
    }

    /** A scripted failure: a VK error {@code code}, or with {@code httpStatus} > 0 a gateway error page. */
    private record Failure(String method, int code, int httpStatus) {
    }

    private final Gson gson = new Gson();
    private final RawHttpServer http;
    private final Map<Long, User> users = new ConcurrentHashMap<>();
    private final Map<String, Long> screenNames = new ConcurrentHashMap<>();
    private final Map<String, List<Long>> groups = new ConcurrentHashMap<>();
    private final Map<String, byte[]> photos = new ConcurrentHashMap<>();
    private final Map<String, Duration> photoDelays = new ConcurrentHashMap<>();
    private final Map<String, java.util.Queue<PhotoFault>> photoFaults = new ConcurrentHashMap<>();
    private final Map<String, Integer> tokenFailures = new ConcurrentHashMap<>();
    private final Map<Long, Integer> userFailures = new ConcurrentHashMap<>();
    private final Deque<Failure> scripted = new ArrayDeque<>();
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final List<String> photoRequests = new CopyOnWriteArrayList<>();
    private final AtomicInteger photosInFlight = new AtomicInteger();
    private final AtomicInteger maxPhotosInFlight = new AtomicInteger();

    private FakeVkServer() throws IOException {
        this.http = new RawHttpServer(this::handle);
        photos.put(BROKEN_PHOTO, "<html>this is not an image</html>\u0000\u0001garbage".getBytes(StandardCharsets.ISO_8859_1));
    }

    public static FakeVkServer start() {
        try {
            return new FakeVkServer();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The API endpoint to give {@link VkClient}: {@code http://127.0.0.1:<port>/method/}. */
    public URI endpoint() {
        return URI.create(base() + "/method/");
    }

    /** The URL of a photo served by this fake. */
    public String photoUrl(String name) {
        return base() + "/photos/" + name;
    }

    /** VK's "no photo" placeholder, on this server's host. */
    public String placeholderUrl() {
        return base() + "/images/camera_400.png";
    }

    // ---- data ----

    public FakeVkServer user(User user) {
        users.put(user.id(), user);
        if (user.screenName() != null) {
            screenNames.put(user.screenName(), user.id());
        }
        return this;
    }

    /** Active, open users {@code from..to} (inclusive), each with its own generated photo {@code u<id>.jpg}. */
    public FakeVkServer addUsers(long from, long to) {
        for (long id = from; id <= to; id++) {
            user(User.active(id, "u" + id + ".jpg"));
        }
        return this;
    }

    /** A group reachable by its numeric {@code id} and by {@code screenName}. */
    public FakeVkServer group(long id, String screenName, List<Long> members) {
        groups.put(Long.toString(id), List.copyOf(members));
        groups.put(screenName, List.copyOf(members));
        return this;
    }

    public FakeVkServer photo(String name, byte[] bytes) {
        photos.put(name, bytes.clone());
        return this;
    }

    /** Transient faults of the photo CDN, as {@link #failPhoto} injects them. */
    public enum PhotoFault {
        /** HTTP 500 with an HTML page. */
        SERVER_ERROR,
        /** The full Content-Length declared, half the body sent, the connection closed. */
        TRUNCATED,
        /** The connection closed before any answer. */
        RESET
    }

    /** The next {@code count} requests of the photo {@code name} fail with {@code fault}; later ones succeed. */
    public FakeVkServer failPhoto(String name, int count, PhotoFault fault) {
        photoFaults.computeIfAbsent(name, n -> new java.util.concurrent.ConcurrentLinkedQueue<>());
        for (int i = 0; i < count; i++) {
            photoFaults.get(name).add(fault);
        }
        return this;
    }

    /** The photo {@code name} answers only after {@code delay}. */
    public FakeVkServer delayPhoto(String name, Duration delay) {
        photoDelays.put(name, delay);
        return this;
    }

    // ---- scripting ----

    /** The next {@code count} API requests of {@code method} (null: any method) fail with VK error {@code code}. */
    public synchronized FakeVkServer failNext(String method, int count, int code) {
        for (int i = 0; i < count; i++) {
            scripted.add(new Failure(method, code, 0));
        }
        return this;
    }

    /**
     * The next {@code count} API requests get HTTP {@code status} with an HTML page that quotes the request,
     * token included, as a misconfigured proxy or gateway might: a network fault that must not leak the token.
     */
    public synchronized FakeVkServer failNextHttp(int count, int status) {
        for (int i = 0; i < count; i++) {
            scripted.add(new Failure(null, 0, status));
        }
        return this;
    }

    /** Every request made with {@code token} fails with {@code code} (5: invalid token, 29: daily limit). */
    public FakeVkServer failToken(String token, int code) {
        tokenFailures.put(token, code);
        return this;
    }

    /** Every {@code users.get} that asks for {@code id} fails with {@code code} (18 deleted/banned, 30 private). */
    public FakeVkServer failUser(long id, int code) {
        userFailures.put(id, code);
        return this;
    }

    // ---- records ----

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    /** Calls per token, for rate checks. */
    public Map<String, List<Call>> callsByToken() {
        return calls.stream().filter(c -> c.token() != null)
                .collect(Collectors.groupingBy(Call::token, LinkedHashMap::new, Collectors.toCollection(ArrayList::new)));
    }

    /** Paths of photo requests, e.g. {@code /photos/u1.jpg}. */
    public List<String> photoRequests() {
        return List.copyOf(photoRequests);
    }

    /** The most photo requests the server was answering at the same time. */
    public int maxPhotosInFlight() {
        return maxPhotosInFlight.get();
    }

    // ---- HTTP ----

    private String base() {
        return "http://127.0.0.1:" + http.port();
    }

    private RawHttpServer.Response handle(RawHttpServer.Request request) throws InterruptedException {
        if (request.path().startsWith("/method/")) {
            return api(request.path().substring("/method/".length()), new LinkedHashMap<>(request.params()));
        }
        photoRequests.add(request.path());
        int inFlight = photosInFlight.incrementAndGet();
        maxPhotosInFlight.accumulateAndGet(inFlight, Math::max);
        try {
            return photo(request.path());
        } finally {
            photosInFlight.decrementAndGet();
        }
    }

    private RawHttpServer.Response photo(String path) throws InterruptedException {
        if (path.startsWith("/images/")) {
            return new RawHttpServer.Response(200, "image/png", FakePhotos.png(1));
        }
        String name = path.substring(path.lastIndexOf('/') + 1);
        byte[] body = photos.get(name);
        if (body == null && name.matches("u\\d+\\.jpg")) {
            body = FakePhotos.jpeg(Long.parseLong(name.substring(1, name.length() - 4)));
        }
        if (body == null) {
            return new RawHttpServer.Response(404, "text/html", "<html>404 Not Found</html>".getBytes(StandardCharsets.UTF_8));
        }
        Thread.sleep(photoDelays.getOrDefault(name, Duration.ZERO));
        PhotoFault fault = photoFaults.containsKey(name) ? photoFaults.get(name).poll() : null;
        if (fault == null) {
            return new RawHttpServer.Response(200, "image/jpeg", body);
        }
        return switch (fault) {
            case SERVER_ERROR -> new RawHttpServer.Response(500, "text/html", "<html>500</html>".getBytes(StandardCharsets.UTF_8));
            case TRUNCATED -> new RawHttpServer.Response(200, "image/jpeg", body, body.length / 2);
            case RESET -> new RawHttpServer.Response(200, "image/jpeg", body, RawHttpServer.Response.NOTHING);
        };
    }

    private RawHttpServer.Response api(String method, Map<String, String> params) {
        String token = params.remove("access_token");
        calls.add(new Call(method, token, System.nanoTime(), Map.copyOf(params)));
        JsonObject answer = new JsonObject();
        try {
            Integer tokenCode = token == null ? Integer.valueOf(5) : tokenFailures.get(token);
            if (tokenCode != null) {
                throw new VkError(tokenCode, null);
            }
            Failure failure = nextFailure(method);
            if (failure != null && failure.httpStatus() > 0) {
                String page = "<html><body>" + failure.httpStatus() + " Bad Gateway: POST /method/" + method
                        + " access_token=" + token + "</body></html>";
                return new RawHttpServer.Response(failure.httpStatus(), "text/html", page.getBytes(StandardCharsets.UTF_8));
            }
            if (failure != null) {
                throw new VkError(failure.code(), null);
            }
            if (method.equals("execute")) {
                execute(params.getOrDefault("code", ""), answer);
            } else {
                answer.add("response", call(method, params));
            }
        } catch (VkError e) {
            answer = new JsonObject();
            answer.add("error", error(e, method, params));
        }
        return new RawHttpServer.Response(200, "application/json; charset=utf-8", gson.toJson(answer).getBytes(StandardCharsets.UTF_8));
    }

    private synchronized Failure nextFailure(String method) {
        for (var it = scripted.iterator(); it.hasNext(); ) {
            Failure f = it.next();
            if (f.method() == null || f.method().equals(method)) {
                it.remove();
                return f;
            }
        }
        return null;
    }

    private JsonObject error(VkError e, String method, Map<String, String> params) {
        JsonArray requestParams = new JsonArray();
        requestParams.add(param("oauth", "1"));
        requestParams.add(param("method", method));
        params.forEach((k, v) -> requestParams.add(param(k, v)));
        JsonObject error = new JsonObject();
        error.addProperty("error_code", e.code);
        error.addProperty("error_msg", e.getMessage());
        error.add("request_params", requestParams);
        return error;
    }

    private static JsonObject param(String key, String value) {
        JsonObject p = new JsonObject();
        p.addProperty("key", key);
        p.addProperty("value", value);
        return p;
    }

    /** Runs {@code return [API.a.b({...}), ...];} as generated by the SDK's ExecuteBatchQuery. */
    private void execute(String code, JsonObject answer) {
        JsonArray results = new JsonArray();
        JsonArray errors = new JsonArray();
        int at = 0;
        while ((at = code.indexOf("API.", at)) >= 0) {
            int open = code.indexOf('(', at);
            int close = closingParen(code, open);
            String method = code.substring(at + 4, open);
            String args = code.substring(open + 1, close).trim();
            Map<String, String> params = new LinkedHashMap<>();
            if (!args.isEmpty()) {
                JsonParser.parseString(args).getAsJsonObject().entrySet()
                        .forEach(e -> params.put(e.getKey(), e.getValue().getAsString()));
            }
            try {
                results.add(call(method, params));
            } catch (VkError e) {
                results.add(new JsonPrimitive(false));
                JsonObject error = new JsonObject();
                error.addProperty("method", method);
                error.addProperty("error_code", e.code);
                error.addProperty("error_msg", e.getMessage());
                errors.add(error);
            }
            at = close;
        }
        answer.add("response", results);
        if (!errors.isEmpty()) {
            answer.add("execute_errors", errors);
        }
    }

    private static int closingParen(String code, int open) {
        boolean inString = false;
        int depth = 0;
        for (int i = open; i < code.length(); i++) {
            char c = code.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return i;
            }
        }
        throw new VkError(12, "unable to compile code");
    }

    private JsonElement call(String method, Map<String, String> params) {
        return switch (method) {
            case "users.get" -> usersGet(params);
            case "groups.getMembers" -> getMembers(params);
            default -> throw new VkError(3, "unknown method " + method);
        };
    }

    private JsonElement usersGet(Map<String, String> params) {
        Set<String> fields = new HashSet<>(Arrays.asList(params.getOrDefault("fields", "").split(",")));
        JsonArray result = new JsonArray();
        for (String key : params.getOrDefault("user_ids", "").split(",")) {
            Long id = key.chars().allMatch(Character::isDigit) && !key.isEmpty() ? Long.valueOf(key) : screenNames.get(key);
            if (id != null && userFailures.containsKey(id)) {
                throw new VkError(userFailures.get(id), null);
            }
            User user = id == null ? null : users.get(id);
            if (user != null) {
                result.add(userJson(user, fields));
            }
        }
        return result;
    }

    private JsonObject userJson(User u, Set<String> fields) {
        JsonObject o = new JsonObject();
        o.addProperty("id", u.id());
        boolean deactivated = u.deactivated() != null;
        o.addProperty("first_name", deactivated ? "DELETED" : u.firstName());
        o.addProperty("last_name", deactivated ? "" : u.lastName());
        if (deactivated) {
            o.addProperty("deactivated", u.deactivated());
        } else {
            o.addProperty("can_access_closed", !u.closed());
            o.addProperty("is_closed", u.closed());
        }
        boolean hasPhoto = !deactivated && u.photo() != null;
        if (fields.contains("screen_name")) {
            o.addProperty("screen_name", u.screenName() != null ? u.screenName() : "id" + u.id());
        }
        if (fields.contains("has_photo")) {
            o.addProperty("has_photo", hasPhoto ? 1 : 0);
        }
        if (fields.contains("photo_id") && hasPhoto) {
            o.addProperty("photo_id", u.id() + "_" + (457239000 + u.id() % 1000));
        }
        if (fields.contains("photo_max_orig")) {
            o.addProperty("photo_max_orig", hasPhoto ? photoUrl(u.photo())
                    : base() + (deactivated ? "/images/deactivated_400.png" : "/images/camera_400.png"));
        }
        return o;
    }

    private JsonElement getMembers(Map<String, String> params) {
        List<Long> members = groups.get(params.getOrDefault("group_id", ""));
        if (members == null) {
            throw new VkError(100, "group_id is undefined");
        }
        int offset = Integer.parseInt(params.getOrDefault("offset", "0"));
        int count = Math.min(1000, Integer.parseInt(params.getOrDefault("count", "1000")));
        JsonObject o = new JsonObject();
        o.addProperty("count", members.size());
        List<Long> page = members.subList(Math.min(offset, members.size()), Math.min(offset + count, members.size()));
        if (params.containsKey("fields")) {
            Set<String> fields = new HashSet<>(Arrays.asList(params.get("fields").split(",")));
            JsonArray items = new JsonArray();
            page.forEach(id -> items.add(userJson(users.getOrDefault(id, User.active(id, "u" + id + ".jpg")), fields)));
            o.add("items", items);
        } else {
            o.add("items", gson.toJsonTree(page));
        }
        return o;
    }

    @Override
    public void close() {
        try {
            http.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
