package cn.partybuilding.member;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import cn.partybuilding.organization.OrgType;
import cn.partybuilding.shared.BulkCopy;

/**
 * The generated province's members, written with COPY: each profile checked by the member rules, its ID-card
 * number and phone encrypted like any other, linked to the account opened for it. No 纪实 entry and no import
 * event per member (a million of them would be the generation's main cost); the profiles are what matter.
 */
@Component
class ProvinceMembers {

	private static final List<String> COLUMNS = List.of("id", "name", "gender", "ethnicity", "birth_date",
			"id_card_encrypted", "id_card_hash", "id_card_masked", "native_place", "education", "category", "staff_number",
			"phone_encrypted", "phone_hash", "phone_masked", "organization_id", "status", "join_date", "conversion_date",
			"graduation_year", "account_id", "historical_record", "version");

	private final JdbcTemplate jdbc;

	private final DataSource dataSource;

	private final MemberRules rules;

	private final SensitiveData sensitive;

	ProvinceMembers(JdbcTemplate jdbc, DataSource dataSource, MemberRules rules, SensitiveData sensitive) {
		this.jdbc = jdbc;
		this.dataSource = dataSource;
		this.rules = rules;
		this.sensitive = sensitive;
	}

	/** Writes the members inside the caller's transaction, the i-th with the i-th account. Returns how many. */
	@Transactional(propagation = Propagation.MANDATORY)
	int write(List<MemberForm> forms, List<Long> accountIds) {
		if (forms.isEmpty()) {
			return 0;
		}
		Map<Long, OrgType> types = new HashMap<>();
		MemberRules.Lookups generated = new MemberRules.Lookups() {
			// the generator numbers people uniquely; the database's unique indexes stay the last word

			@Override
			public boolean idCardTaken(List<String> idCardHashes, long exceptId) {
				return false;
			}

			@Override
			public boolean staffNumberTaken(String staffNumber, long exceptId) {
				return false;
			}

			@Override
			public OrgType typeOf(long organizationId) {
				return types.computeIfAbsent(organizationId, rules::organizationType);
			}
		};
		List<Long> ids = jdbc.queryForList("select nextval(pg_get_serial_sequence('member', 'id')) from generate_series(1, ?)",
				Long.class, forms.size());
		List<Object[]> rows = new ArrayList<>(forms.size());
		for (int i = 0; i < forms.size(); i++) {
			MemberForm form = MemberRules.normalized(forms.get(i));
			IdCardNumber idCard = rules.check(form, 0L, generated);
			rows.add(new Member(form, idCard, sensitive).insertValues(ids.get(i), accountIds.get(i)));
		}
		List<Object[]> withVersion = rows.stream().map(r -> {
			Object[] row = java.util.Arrays.copyOf(r, r.length + 1);
			row[r.length] = 0;
			return row;
		}).toList();
		return (int) BulkCopy.copy(dataSource, "member", COLUMNS, withVersion.iterator());
	}
}
