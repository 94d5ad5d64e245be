package cn.partybuilding.exam;

import java.util.List;

/** A question as a person's paper shows it (options in their order), for {@link ExamRecords#take}. */
public record PaperQuestion(long id, String type, String text, List<String> options, int blanks) {
}
