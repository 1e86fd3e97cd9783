package io.cutover.migrate.s3;

import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CsvRecordsTest {

    private static List<List<String>> read(String csv) {
        CsvRecords r = new CsvRecords(new StringReader(csv), ',');
        List<List<String>> out = new ArrayList<>();
        for (List<String> rec = r.next(); rec != null; rec = r.next()) out.add(rec);
        return out;
    }

    @Test
    void quotedDelimitersQuotesAndLineBreaksStayInTheirField() {
        assertEquals(List.of(
                        List.of("Op", "id", "note"),
                        List.of("I", "1", "two\nlines, a comma and \"quotes\""),
                        List.of("I", "2", ""),
                        List.of("D", "3", "crlf\r\ninside")),
                read("Op,id,note\nI,1,\"two\nlines, a comma and \"\"quotes\"\"\"\r\nI,2,\nD,3,\"crlf\r\ninside\"\n"));
    }

    @Test
    void noTrailingLineBreakAndEmptyInput() {
        assertEquals(List.of(List.of("a", "b")), read("a,b"));
        assertEquals(List.of(), read(""));
        assertEquals(List.of(List.of("", "")), read(",\n"));
    }

    @Test
    void anUnclosedQuoteIsAnError() {
        assertThrows(IllegalArgumentException.class, () -> read("a,\"b\n"));
    }
}
