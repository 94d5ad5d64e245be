package cn.partybuilding.dues;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Collection;
import java.util.List;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import cn.partybuilding.member.MemberDirectory;
import cn.partybuilding.shared.Warnings;

/**
 * Arrears reaching the first warning level ({@code party.dues.warn-at}: 3 months in a row unpaid), as
 * {@link DuesArrears} computes them for its own notices: the branch acts on the member's dues page.
 */
@Component
@Transactional(readOnly = true)
class DuesWarnings implements Warnings {

	static final String ARREARS = "dues.arrears";

	private final DuesArrears arrears;

	private final MemberDirectory members;

	DuesWarnings(DuesArrears arrears, MemberDirectory members) {
		this.arrears = arrears;
		this.members = members;
	}

	@Override
	public List<Raised> raisedIn(Collection<Long> orgIds, LocalDate today) {
		if (orgIds.isEmpty()) {
			return List.of();
		}
		return arrears.compute(members.summaries(orgIds), YearMonth.from(today)).stream()
			.filter(a -> a.level() > 0)
			.map(a -> Raised.of(ARREARS, a.organizationId(), null, a.since().atDay(1), null,
					"/dues/members/" + a.memberId(), a.flagged() ? "warning.dues.arrears.flagged" : "warning.dues.arrears.text",
					a.name(), a.consecutive(), a.owed().toPlainString()))
			.toList();
	}
}
