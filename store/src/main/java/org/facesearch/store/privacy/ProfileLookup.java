package org.facesearch.store.privacy;

import static org.facesearch.store.schema.Tables.FACE;
import static org.facesearch.store.schema.Tables.PROFILE;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.facesearch.store.faces.FaceCatalog;
import org.facesearch.store.schema.tables.records.ProfileRecord;
import org.jooq.DSLContext;

/** Finds the stored profiles a forget names: by profile id, by {@code (source, external_id)}, by VK screen name, by face. */
public final class ProfileLookup {
    private static final String VK_PAGE = "https://vk.com/";

    private ProfileLookup() {
    }

    public static Optional<FaceCatalog.Profile> byId(DSLContext db, long id) {
        return db.selectFrom(PROFILE).where(PROFILE.ID.eq(id)).fetchOptional().map(ProfileLookup::profile);
    }

    public static Optional<FaceCatalog.Profile> byExternalId(DSLContext db, String source, String externalId) {
        return db.selectFrom(PROFILE).where(PROFILE.SOURCE.eq(source), PROFILE.EXTERNAL_ID.eq(externalId))
                .fetchOptional().map(ProfileLookup::profile);
    }

    /** A VK profile stored with the page address {@code https://vk.com/SCREEN_NAME} (how a crawl by name stores it). */
    public static Optional<FaceCatalog.Profile> byVkScreenName(DSLContext db, String screenName) {
        return db.selectFrom(PROFILE).where(PROFILE.SOURCE.eq("vk"), PROFILE.PROFILE_URL.eq(VK_PAGE + screenName))
                .limit(1).fetchOptional().map(ProfileLookup::profile);
    }

    /** The profiles the given faces belong to, by profile id. */
    public static List<FaceCatalog.Profile> ofFaces(DSLContext db, Collection<Long> faceIds) {
        if (faceIds.isEmpty()) {
            return List.of();
        }
        return db.selectFrom(PROFILE)
                .where(PROFILE.ID.in(db.selectDistinct(FACE.PROFILE_ID).from(FACE).where(FACE.ID.in(faceIds))))
                .orderBy(PROFILE.ID).fetch(ProfileLookup::profile);
    }

    private static FaceCatalog.Profile profile(ProfileRecord p) {
        return new FaceCatalog.Profile(p.getId(), p.getSource(), p.getExternalId(), p.getDisplayName(),
                p.getProfileUrl(), p.getPhotoUrl(), p.getStatus());
    }
}
