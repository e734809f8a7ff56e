package org.facesearch.search;

/**
 * One search hit described for people: rank (1 = nearest), Euclidean distance and cosine similarity
 * ({@code 1 - d²/2} for unit vectors), the person's name, a link to the person (the VK profile
 * {@code https://vk.com/id…}, a stored profile URL, or {@code gallery:NAME} for a local gallery), and the URL of
 * the photo the matched face is in.
 */
public record FaceMatch(int rank, long faceId, double distance, double similarity, String name, String link,
                        String photoUrl) {
}
