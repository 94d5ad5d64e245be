package cn.partybuilding.learning;

import java.time.Instant;
import java.util.List;

/**
 * A study material published through {@link LearningRecords#publish}: {@code body} an article's HTML (a short
 * description for the other kinds), {@code url} a link's address, {@code fileName} and {@code content} a PDF's,
 * video's or audio's file; {@code wholeSchool} offers it to the whole school, else to {@code orgId}'s subtree;
 * {@code createdAt} when it was published (the past, for history brought in).
 */
public record MaterialOnFile(MaterialKind kind, String title, String body, String url, long orgId,
		boolean wholeSchool, List<String> tags, String fileName, byte[] content, Instant createdAt) {
}
