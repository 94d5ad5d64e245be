package cn.partybuilding.transfer;

import java.time.format.DateTimeFormatter;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import cn.partybuilding.organization.OrgRef;
import cn.partybuilding.organization.OrganizationScope;
import cn.partybuilding.shared.PersonalDataSection;
import cn.partybuilding.shared.PersonalDataSections;
import cn.partybuilding.shared.PlatformZone;

/** 我的数据: the member's transfers with their letters and 回执, and the last contact the branch recorded. */
@Component
class TransferDataSections implements PersonalDataSections {

	private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(PlatformZone.ZONE);

	private final JdbcClient jdbc;

	private final OrganizationScope scope;

	TransferDataSections(JdbcClient jdbc, OrganizationScope scope) {
		this.jdbc = jdbc;
		this.scope = scope;
	}

	@Override
	public List<PersonalDataSection> sectionsFor(long memberId) {
		List<List<String>> transfers = jdbc.sql("""
				select started_at, kind, state, to_org_name, to_org_id, reason, coalesce(letter_no, ''), coalesce(receipt_no, '')
				from transfer where member_id = :id order by started_at desc""")
			.param("id", memberId)
			.query((rs, i) -> List.of(DAY.format(rs.getTimestamp(1).toInstant()), rs.getString(2), rs.getString(3),
					rs.getString(4) != null ? rs.getString(4)
							: rs.getObject(5) == null ? "" : scope.find(rs.getLong(5)).map(OrgRef::name).orElse(""),
					rs.getString(6), rs.getString(7), rs.getString(8)))
			.list();
		List<List<String>> contacts = jdbc.sql("select last_at, how from transfer_last_contact where member_id = :id")
			.param("id", memberId)
			.query((rs, i) -> List.of(DAY.format(rs.getTimestamp(1).toInstant()), rs.getString(2)))
			.list();
		return List.of(
				new PersonalDataSection("privacy.section.transfers", List.of("privacy.col.time", "privacy.col.kind",
						"privacy.col.state", "privacy.col.destination", "privacy.col.reason", "privacy.col.letter",
						"privacy.col.receipt"), transfers),
				new PersonalDataSection("privacy.section.contact", List.of("privacy.col.time", "privacy.col.detail"), contacts));
	}
}
