package cn.partybuilding.dues;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import cn.partybuilding.member.MemberDirectory;
import cn.partybuilding.shared.Warnings;

/**
 * Arrears reaching the first warning level ({@code party.dues.warn-at}: 3 months in a row unpaid), as
 * {@link DuesArrears} computes them for its own notices: the branch acts on the member's dues page. The members are
 * read a batch of organisations at a time and only the warnings kept: a province's scope is a million members.
 */
@Component
@Transactional(readOnly = true)
class DuesWarnings implements Warnings {

	static final String ARREARS = "dues.arrears";

	private final DuesArrears arrears;

	private final MemberDirectory members;

	private final DuesChunks chunks;

	DuesWarnings(DuesArrears arrears, MemberDirectory members, DuesChunks chunks) {
		this.arrears = arrears;
		this.members = members;
		this.chunks = chunks;
	}

	@Override
	public List<Raised> raisedIn(Collection<Long> orgIds, LocalDate today) {
		if (orgIds.isEmpty()) {
			return List.of();
		}
		return raisedIn(orgIds, today, chunks.size());
	}

	/** The same, reading about {@code chunk} members at a time. */
	List<Raised> raisedIn(Collection<Long> orgIds, LocalDate today, int chunk) {
		List<Raised> raised = new ArrayList<>();
		for (List<Long> batch : chunks.of(orgIds, chunk)) {
			arrears.compute(members.summaries(batch), YearMonth.from(today)).stream()
				.filter(a -> a.level() > 0)
				.map(a -> Raised.of(ARREARS, a.organizationId(), null, a.since().atDay(1), null,
						"/dues/members/" + a.memberId(), a.flagged() ? "warning.dues.arrears.flagged" : "warning.dues.arrears.text",
						a.name(), a.consecutive(), a.owed().toPlainString()))
				.forEach(raised::add);
		}
		return raised;
	}
}
