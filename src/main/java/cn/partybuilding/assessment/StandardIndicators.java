package cn.partybuilding.assessment;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.springframework.context.MessageSource;

import cn.partybuilding.assessment.Indicator.AppliesTo;

/**
 * The indicator system a school starts from when it has none of an earlier year to copy: twenty indicators worth
 * 100, after the 支部考核 tables offices fill in by hand — organisational life, dues, study, development and
 * transfers, service and publicity from the modules' figures, and two manual ones. Names are stored in Chinese as
 * the committee will edit them.
 */
final class StandardIndicators {

	private record Row(String group, String code, double max, Double target, Double penalty, AppliesTo appliesTo) {
	}

	private static final List<Row> ROWS = List.of(
			new Row("orglife", "orglife.compliance.BRANCH_ASSEMBLY", 5, 1.0, null, AppliesTo.BOTH),
			new Row("orglife", "orglife.compliance.BRANCH_COMMITTEE", 5, 1.0, null, AppliesTo.BOTH),
			new Row("orglife", "orglife.compliance.GROUP_MEETING", 4, 1.0, null, AppliesTo.BOTH),
			new Row("orglife", "orglife.compliance.PARTY_LECTURE", 4, 1.0, null, AppliesTo.BOTH),
			new Row("orglife", "orglife.compliance.THEME_DAY", 6, 1.0, null, AppliesTo.BOTH),
			new Row("orglife", "orglife.compliance.ORG_LIFE_MEETING", 6, 1.0, null, AppliesTo.BOTH),
			new Row("dues", "dues.collection", 6, 1.0, null, AppliesTo.BOTH),
			new Row("dues", "dues.arrears", 6, 0.0, 2.0, AppliesTo.BOTH),
			new Row("study", "learning.outlines", 6, 0.9, null, AppliesTo.BOTH),
			new Row("study", "learning.points", 4, 60.0, null, AppliesTo.BOTH),
			new Row("study", "exam.participation", 4, 0.95, null, AppliesTo.BOTH),
			new Row("study", "exam.pass", 4, 0.9, null, AppliesTo.BOTH),
			new Row("members", "development.overdue", 6, 0.0, 2.0, AppliesTo.BOTH),
			new Row("members", "transfer.pocket", 6, 0.0, 3.0, AppliesTo.BOTH),
			new Row("members", "transfer.days", 4, 15.0, 0.2, AppliesTo.BOTH),
			new Row("service", "volunteer.hours", 4, 4.0, null, AppliesTo.BOTH),
			new Row("service", "content.published", 4, 12.0, null, AppliesTo.BOTH),
			new Row("service", "interaction.letters", 4, 1.0, null, AppliesTo.BOTH),
			new Row("own", "manual.feature", 6, null, null, AppliesTo.BOTH),
			new Row("own", "manual.awards", 6, null, null, AppliesTo.BOTH));

	private StandardIndicators() {
	}

	/** The standard rows whose figures this platform computes (all of them, with every module present), in Chinese. */
	static List<Indicator> rows(Set<String> knownFigures, MessageSource messages) {
		Locale zh = Locale.SIMPLIFIED_CHINESE;
		List<Indicator> rows = new ArrayList<>();
		for (Row r : ROWS) {
			boolean automatic = r.target() != null;
			if (automatic && !knownFigures.contains(r.code())) {
				continue;
			}
			String name = messages.getMessage((automatic ? "figure." : "assessment.standard.") + r.code(), null, r.code(), zh);
			String group = messages.getMessage("assessment.standard.group." + r.group(), null, r.group(), zh);
			rows.add(new Indicator(0, rows.size() + 1, group, r.code(), name, automatic, decimal(r.max()), decimal(r.target()),
					decimal(r.penalty()), r.appliesTo(), ""));
		}
		return rows;
	}

	private static BigDecimal decimal(Double d) {
		return d == null ? null : BigDecimal.valueOf(d);
	}
}
