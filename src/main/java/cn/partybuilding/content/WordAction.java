package cn.partybuilding.content;

import java.util.Locale;
import java.util.Optional;

/** What a word on the list does: BLOCK stops a submission, REVIEW marks it for the reviewer. */
enum WordAction {
	BLOCK("拦截"), REVIEW("送审");

	/** The word the spreadsheet writes. */
	final String sheet;

	WordAction(String sheet) {
		this.sheet = sheet;
	}

	/** BLOCK or REVIEW in any case, or the sheet's words (拦截, 屏蔽, 禁止; 送审, 审核, 人工审核, 标记). */
	static Optional<WordAction> of(String text) {
		if (text == null) {
			return Optional.empty();
		}
		String t = java.text.Normalizer.normalize(text, java.text.Normalizer.Form.NFKC).replaceAll("\\s", "")
			.toUpperCase(Locale.ROOT);
		return Optional.ofNullable(switch (t) {
			case "BLOCK", "拦截", "屏蔽", "禁止", "禁用" -> BLOCK;
			case "REVIEW", "送审", "审核", "人工审核", "标记", "复核" -> REVIEW;
			default -> null;
		});
	}
}
