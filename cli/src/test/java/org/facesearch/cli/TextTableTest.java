package org.facesearch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class TextTableTest {
    @Test
    void everyColumnIsAsWideAsItsWidestCellSoLongNamesKeepTheOthersInLine() {
        TextTable table = new TextTable().number("rank").text("name").text("photo");
        table.row("1", "Ann", "/a.jpg");
        table.row("10", "Maria Magdalena von Habsburg-Lothringen", "/b.jpg");
        StringWriter out = new StringWriter();
        table.print(new PrintWriter(out, true), "  ");
        assertEquals("""
                  rank  name                                     photo
                     1  Ann                                      /a.jpg
                    10  Maria Magdalena von Habsburg-Lothringen  /b.jpg
                """, out.toString());
    }

    @Test
    void aGalleryPhotoUrlIsShownAsItsLocalPath() {
        assertEquals("/root/.facesearch/demo/gallery/Person A/1.jpg",
                SearchCommand.localPath("file:///root/.facesearch/demo/gallery/Person%20A/1.jpg"));
        assertEquals("https://sun9-1.userapi.com/x.jpg", SearchCommand.localPath("https://sun9-1.userapi.com/x.jpg"));
    }
}
