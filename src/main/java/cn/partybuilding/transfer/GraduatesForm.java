package cn.partybuilding.transfer;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The graduates page's form: the year (and college) listed, the defaults, and a row per graduate — ticked or
 * not, with their own destination where it differs from the defaults.
 */
record GraduatesForm(Integer year, Long orgId, @Valid Defaults defaults, List<@Valid Row> rows) {

	GraduatesForm {
		defaults = defaults == null ? new Defaults(null, null, null, null, null, null) : defaults;
		rows = rows == null ? List.of() : rows;
	}

	/** What a row left empty takes. */
	record Defaults(@Size(max = 20) String destination, @Size(max = 100) String toOrgName,
			@Size(max = 200) String toOrgAddress, Long stayOrgId, @Size(max = 50) String contactName,
			@Size(max = 30) String contactPhone) {
	}

	/** One graduate: whether they go in this batch, and what differs from the defaults for them. */
	record Row(Long memberId, boolean picked, @Size(max = 20) String destination, @Size(max = 100) String toOrgName,
			Long stayOrgId, @Size(max = 50) String contactName) {
	}

	/** The year's graduates listed, every one ticked, nothing typed. */
	static GraduatesForm listing(int year, Long orgId, List<GraduateBatches.Candidate> candidates) {
		return new GraduatesForm(year, orgId, null, candidates.stream()
			.map(c -> new Row(c.memberId(), true, null, null, null, null)).toList());
	}

	/** The indexes of the ticked rows, in the order of the page. */
	List<Integer> picked() {
		return IntStream.range(0, rows.size()).filter(i -> rows.get(i).picked()).boxed().toList();
	}

	/** The row's destination: its own fields, the defaults' where it leaves them empty. */
	GraduateBatches.Choice choice(Row row) {
		return new GraduateBatches.Choice(row.memberId(), either(row.destination(), defaults.destination()),
				either(row.toOrgName(), defaults.toOrgName()), defaults.toOrgAddress(),
				row.stayOrgId() != null ? row.stayOrgId() : defaults.stayOrgId(), either(row.contactName(), defaults.contactName()),
				defaults.contactPhone());
	}

	private static String either(String own, String fallback) {
		return own == null || own.isBlank() ? fallback : own;
	}
}
