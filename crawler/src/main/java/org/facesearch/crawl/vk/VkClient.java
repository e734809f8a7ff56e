package org.facesearch.crawl.vk;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.vk.api.sdk.client.AbstractQueryBuilder;
import com.vk.api.sdk.client.actors.UserActor;
import com.vk.api.sdk.objects.groups.responses.GetMembersFieldsResponse;
import com.vk.api.sdk.objects.users.Fields;
import com.vk.api.sdk.objects.users.responses.GetResponse;
import com.vk.api.sdk.queries.groups.GroupsGetMembersQueryWithFields;
import com.vk.api.sdk.queries.users.UsersGetQuery;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * VK access for the crawl: {@code users.get} and {@code groups.getMembers} through the VK Java SDK, batched with
 * {@code execute}, rate-limited and retried per token (see {@link TokenPool} and {@link VkCallRunner}). Returns
 * project records, never SDK types. Thread-safe: several crawl threads may share one client and its pool.
 *
 * <p>Batching: {@link #users} splits ids into {@code users.get} calls of up to 1000 and sends up to 25 such calls
 * as one {@code execute} request, so one request (one rate slot) covers up to 25,000 profiles. When a call inside
 * {@code execute} fails, VK answers {@code false} in its place (details in {@code execute_errors}, which the SDK
 * drops); that call is then repeated on its own to get VK's error code.
 *
 * <p>Per-user errors: if VK answers a {@code users.get} with 18 (deleted or banned) or 30 (private), the batch is
 * split in halves until the culprit ids are isolated; they come back as {@link VkProfile.Status#DELETED} or
 * {@link VkProfile.Status#CLOSED}, and the rest of the batch is returned normally. ({@code users.get} normally
 * reports such users through the {@code deactivated} and {@code is_closed} fields; the split handles the error
 * form.) Ids VK does not know are simply absent from the result, as in VK's own answer.
 */
public final class VkClient implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(VkClient.class);

    /** VK's own endpoint, the default of the {@code vk.endpoint} setting. */
    public static final URI DEFAULT_ENDPOINT = URI.create("https://api.vk.com/method/");

    /** Members per {@code groups.getMembers} page (VK's maximum). */
    public static final int MEMBERS_PER_PAGE = 1000;

    private static final List<Fields> USER_FIELDS = List.of(Fields.PHOTO_MAX_ORIG, Fields.HAS_PHOTO, Fields.PHOTO_ID,
            Fields.SCREEN_NAME);

    private final JdkTransportClient transport;
    private final EndpointVkApiClient sdk;
    private final VkCallRunner runner;
    private final VkClientOptions options;

    public VkClient(URI endpoint, TokenPool tokens, VkClientOptions options) {
        this.transport = new JdkTransportClient(options.connectTimeout(), options.requestTimeout());
        this.sdk = new EndpointVkApiClient(transport, endpoint.toString());
        this.runner = new VkCallRunner(tokens, options.retry());
        this.options = options;
    }

    /**
     * Profiles for any number of user ids or screen names, in VK's order per call. Unknown ids are absent.
     *
     * @throws VkApiException         on an error that retries cannot fix
     * @throws NoUsableTokenException when VK has rejected every token
     */
    public List<VkProfile> users(List<String> idsOrScreenNames) throws InterruptedException {
        List<List<String>> calls = chunks(idsOrScreenNames, options.idsPerUsersGet());
        List<VkProfile> profiles = new ArrayList<>(idsOrScreenNames.size());
        for (List<List<String>> request : chunks(calls, options.callsPerExecute())) {
            if (request.size() == 1) {
                profiles.addAll(usersCall(request.getFirst()));
                continue;
            }
            JsonArray answers = execute(request.stream().<Query>map(ids -> token -> usersQuery(token, ids)).toList());
            for (int i = 0; i < request.size(); i++) {
                JsonElement answer = answers.get(i);
                profiles.addAll(answer.isJsonArray() ? toProfiles(sdk.getGson().fromJson(answer, GetResponse[].class))
                        : usersCall(request.get(i)));
            }
        }
        return profiles;
    }

    /**
     * Up to {@code callsPerExecute} pages of 1000 members from {@code offset}, in one request, as profiles:
     * {@code groups.getMembers} is asked for the same fields as {@code users.get}, so a group costs no extra
     * {@code users.get} calls.
     *
     * @param group numeric group id or its short name
     * @throws VkApiException on an error that retries cannot fix, e.g. 15/203 (closed group) or 100 (no such group)
     */
    public MembersChunk groupMembers(String group, long offset) throws InterruptedException {
        int pages = options.callsPerExecute();
        List<GetMembersFieldsResponse> answers = new ArrayList<>(pages);
        if (pages == 1) {
            answers.add(membersCall(group, offset));
        } else {
            List<Query> queries = new ArrayList<>(pages);
            for (int i = 0; i < pages; i++) {
                long pageOffset = offset + (long) i * MEMBERS_PER_PAGE;
                queries.add(token -> membersQuery(token, group, pageOffset));
            }
            JsonArray raw = execute(queries);
            for (int i = 0; i < pages; i++) {
                JsonElement answer = raw.get(i);
                answers.add(answer.isJsonObject() ? sdk.getGson().fromJson(answer, GetMembersFieldsResponse.class)
                        : membersCall(group, offset + (long) i * MEMBERS_PER_PAGE));
            }
        }
        List<VkProfile> members = new ArrayList<>();
        for (GetMembersFieldsResponse page : answers) {
            page.getItems().forEach(user -> members.add(VkProfiles.from(user)));
            if (page.getItems().size() < MEMBERS_PER_PAGE) {
                break;
            }
        }
        return new MembersChunk(answers.getFirst().getCount(), List.copyOf(members), offset + members.size());
    }

    /** One call inside an {@code execute}, built per attempt because SDK queries carry the token. */
    private interface Query {
        AbstractQueryBuilder<?, ?> build(VkToken token);
    }

    /**
     * The answers of {@code calls} sent as one {@code execute}, in order; a failed call answers {@code false}.
     * When VK rejects the script itself (12 unable to compile, 13 runtime error: e.g. if VK ever limits the size
     * of {@code code}), every call answers {@code false}, so that the callers repeat them one by one.
     */
    @SuppressWarnings({"rawtypes", "unchecked"})
    private JsonArray execute(List<Query> calls) throws InterruptedException {
        JsonElement answer;
        try {
            answer = runner.run("execute", token -> sdk.execute().batch(actor(token),
                    (List<AbstractQueryBuilder>) (List) calls.stream().map(q -> q.build(token)).toList()));
        } catch (VkApiException e) {
            if (e.code() != 12 && e.code() != 13) {
                throw e;
            }
            LOG.warn("VK rejected an execute of {} calls ({}); sending them one by one. Fewer calls per execute may avoid this.",
                    calls.size(), e.getMessage());
            JsonArray failed = new JsonArray();
            calls.forEach(c -> failed.add(false));
            return failed;
        }
        if (answer == null || !answer.isJsonArray() || answer.getAsJsonArray().size() != calls.size()) {
            throw new VkApiException("execute", VkApiException.NETWORK, "expected an array of " + calls.size() + " answers");
        }
        return answer.getAsJsonArray();
    }

    private List<VkProfile> usersCall(List<String> ids) throws InterruptedException {
        try {
            return toProfiles(runner.run("users.get", token -> usersQuery(token, ids)).toArray(GetResponse[]::new));
        } catch (VkApiException e) {
            if (e.code() != 18 && e.code() != 30) {
                throw e;
            }
            if (ids.size() == 1) {
                return List.of(VkProfiles.unavailable(ids.getFirst(), e.code()));
            }
            List<VkProfile> halves = new ArrayList<>(usersCall(ids.subList(0, ids.size() / 2)));
            halves.addAll(usersCall(ids.subList(ids.size() / 2, ids.size())));
            return halves;
        }
    }

    private GetMembersFieldsResponse membersCall(String group, long offset) throws InterruptedException {
        return runner.run("groups.getMembers", token -> membersQuery(token, group, offset));
    }

    private static List<VkProfile> toProfiles(GetResponse[] users) {
        return Arrays.stream(users).map(VkProfiles::from).toList();
    }

    private static <T> List<List<T>> chunks(List<T> items, int size) {
        List<List<T>> chunks = new ArrayList<>((items.size() + size - 1) / size);
        for (int from = 0; from < items.size(); from += size) {
            chunks.add(items.subList(from, Math.min(items.size(), from + size)));
        }
        return chunks;
    }

    /** The SDK's actor for a token; its toString contains the secret, so it never leaves this class. */
    private static UserActor actor(VkToken token) {
        return new UserActor(0L, token.secret());
    }

    private UsersGetQuery usersQuery(VkToken token, List<String> ids) {
        return sdk.users().get(actor(token)).userIds(ids).fields(USER_FIELDS);
    }

    private GroupsGetMembersQueryWithFields membersQuery(VkToken token, String group, long offset) {
        return sdk.groups().getMembersWithFields(actor(token), USER_FIELDS.toArray(Fields[]::new)).groupId(group)
                .offset(Math.toIntExact(offset)).count(MEMBERS_PER_PAGE);
    }

    @Override
    public void close() {
        transport.close();
    }
}
