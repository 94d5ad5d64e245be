package cn.partybuilding.dues;

import java.math.BigDecimal;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import cn.partybuilding.shared.PersonalDataSection;
import cn.partybuilding.shared.PersonalDataSections;

/** 我的数据: the member's dues bills, month by month, with the base and amount and whether paid. */
@Component
class DuesDataSections implements PersonalDataSections {

	private final JdbcClient jdbc;

	DuesDataSections(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public List<PersonalDataSection> sectionsFor(long memberId) {
		List<List<String>> rows = jdbc.sql("""
				select to_char(month, 'YYYY-MM') as month, base, amount, state
				from dues_bill where member_id = :id order by month desc""")
			.param("id", memberId)
			.query((rs, i) -> List.of(rs.getString("month"), money(rs.getBigDecimal("base")),
					money(rs.getBigDecimal("amount")), rs.getString("state")))
			.list();
		return List.of(new PersonalDataSection("privacy.section.dues",
				List.of("privacy.col.month", "privacy.col.base", "privacy.col.amount", "privacy.col.state"), rows));
	}

	private static String money(BigDecimal value) {
		return value == null ? "" : value.toPlainString();
	}
}
