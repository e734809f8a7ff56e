/**
 * Forgetting a person: the one transaction that removes profiles with their photos, faces and cluster rows
 * ({@link org.facesearch.store.privacy.ProfileEraser}), the do-not-collect list that keeps them out of later crawls
 * and imports ({@link org.facesearch.store.privacy.DoNotCollect}), the log of removed face ids a running server
 * follows ({@link org.facesearch.store.privacy.FaceRemovals}), and how a person is named on the command line
 * ({@link org.facesearch.store.privacy.ProfileLookup}).
 */
package org.facesearch.store.privacy;
