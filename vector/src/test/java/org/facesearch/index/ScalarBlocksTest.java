package org.facesearch.index;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ScalarBlocksTest {
    @Test
    void aListTakesWholeBlocksOfNormsThenFactors() {
        assertEquals(0, ScalarBlocks.length(0));
        assertEquals(64, ScalarBlocks.length(1));
        assertEquals(64, ScalarBlocks.length(32));
        assertEquals(128, ScalarBlocks.length(33));
    }

    @Test
    void eachFaceKeepsItsNormAndFactorWhereTheLayoutSays() {
        int faces = 70;
        float[] scalars = new float[ScalarBlocks.length(faces)];
        for (int p = 0; p < faces; p++) {
            ScalarBlocks.put(scalars, p, 1 + p, -1 - p);
        }
        for (int p = 0; p < faces; p++) {
            assertEquals(1 + p, ScalarBlocks.norm(scalars, p), "norm of " + p);
            assertEquals(-1 - p, ScalarBlocks.factor(scalars, p), "factor of " + p);
        }
        // face 33: second block, position 1: its norm after the first block's 64 floats, its factor 32 further
        assertEquals(34, scalars[ScalarBlocks.blockAt(1) + 1]);
        assertEquals(-34, scalars[ScalarBlocks.blockAt(1) + 32 + 1]);
        // the third block's unused positions stay zero
        assertEquals(0, scalars[ScalarBlocks.blockAt(2) + 6]);
    }
}
