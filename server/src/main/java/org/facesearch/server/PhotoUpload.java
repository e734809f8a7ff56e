package org.facesearch.server;

import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * Reads the photo of a search request, as the one file of a {@code multipart/form-data} body (any field name;
 * the page uses {@code photo}) or as the raw body, never more than the cap: a declared length above it is
 * refused without keeping anything (the body is discarded, {@link UnreadBody}, so the client reads the
 * 413), and a body is read at most one byte past the cap. Then the bytes must be an
 * {@link ImageType}; anything else is 415.
 *
 * <p>The multipart parser is Jetty's, configured by {@link FaceServer} with a limit slightly above the cap so that
 * its own refusal (an exception naming the size) happens only for bodies we would refuse anyway.
 */
final class PhotoUpload {
    /** Room for the multipart envelope (boundaries, headers) around a photo of the maximum size. */
    static final long MULTIPART_OVERHEAD = 64 * 1024;

    private final long maxBytes;

    PhotoUpload(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    byte[] read(Context ctx) {
        long declared = ctx.req().getContentLengthLong();
        if (declared > maxBytes + MULTIPART_OVERHEAD) {
            UnreadBody.discard(ctx);
            throw tooLarge();
        }
        String contentType = ctx.contentType();
        byte[] bytes;
        String declaredType;
        if (contentType != null && contentType.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/form-data")) {
            List<UploadedFile> files = multipartFiles(ctx);
            if (files.size() != 1) throw ApiException.badRequest("send exactly one photo; got " + files.size() + " files");
            UploadedFile file = files.getFirst();
            if (file.size() > maxBytes) throw tooLarge();
            declaredType = file.contentType();
            bytes = readAtMost(file.content());
        } else {
            declaredType = contentType;
            bytes = readAtMost(body(ctx));
        }
        if (bytes.length == 0) throw ApiException.badRequest("no photo in the request: send it as the body or as a multipart file");
        return checked(bytes, declaredType);
    }

    /**
     * The photo sent as the multipart file field {@code field} (e.g. {@code a} and {@code b} of a comparison),
     * under the same cap and checks as {@link #read}; null when the request has no such field.
     */
    byte[] readPart(Context ctx, String field) {
        long declared = ctx.req().getContentLengthLong();
        if (declared > 2 * maxBytes + MULTIPART_OVERHEAD) {
            UnreadBody.discard(ctx);
            throw tooLarge();
        }
        String contentType = ctx.contentType();
        if (contentType == null || !contentType.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/form-data")) {
            throw ApiException.badRequest("send the photos as multipart/form-data file fields");
        }
        UploadedFile file;
        try {
            file = ctx.uploadedFile(field);
        } catch (RuntimeException e) {
            if (mentionsSize(e)) throw tooLarge();
            throw ApiException.badRequest("cannot read the multipart body: " + e.getMessage());
        }
        if (file == null) return null;
        if (file.size() > maxBytes) throw tooLarge();
        byte[] bytes = readAtMost(file.content());
        if (bytes.length == 0) throw ApiException.badRequest("the file field " + field + " is empty");
        return checked(bytes, file.contentType());
    }

    private static byte[] checked(byte[] bytes, String declaredType) {
        if (!ImageType.acceptableDeclaration(declaredType)) {
            throw new ApiException(415, "not an image: the request says Content-Type " + declaredType
                    + "; send the photo as image/jpeg, image/png, ... or as a multipart file");
        }
        if (ImageType.sniff(bytes).isEmpty()) {
            throw new ApiException(415, "not an image: send a JPEG, PNG, GIF or BMP photo");
        }
        return bytes;
    }

    private static InputStream body(Context ctx) {
        try {
            return ctx.req().getInputStream();
        } catch (IOException e) {
            throw ApiException.badRequest("cannot read the upload: " + e.getMessage());
        }
    }

    private List<UploadedFile> multipartFiles(Context ctx) {
        try {
            return ctx.uploadedFiles();
        } catch (RuntimeException e) {
            if (mentionsSize(e)) throw tooLarge();
            throw ApiException.badRequest("cannot read the multipart body: " + e.getMessage());
        }
    }

    private static boolean mentionsSize(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = String.valueOf(t.getMessage()).toLowerCase(java.util.Locale.ROOT);
            if (m.contains("exceed") || m.contains("too big") || m.contains("too large")) return true;
        }
        return false;
    }

    private byte[] readAtMost(InputStream in) {
        try (in) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            if (bytes.length > maxBytes) throw tooLarge();
            return bytes;
        } catch (IOException e) {
            if (mentionsSize(e)) throw tooLarge();
            throw ApiException.badRequest("cannot read the upload: " + e.getMessage());
        }
    }

    private ApiException tooLarge() {
        return new ApiException(413, "the photo is larger than " + (maxBytes >= 1 << 20
                ? (maxBytes >> 20) + " MB" : maxBytes + " bytes") + "; send a smaller one");
    }
}
