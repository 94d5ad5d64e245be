package cn.partybuilding.member;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import cn.partybuilding.PlatformTest;
import cn.partybuilding.organization.OrganizationScope;

/**
 * The composition counted in one pass of grouping sets (issue 23, sixth round: the oracle of any faster one) is the composition counted member by
 * member in Java from the rule in {@link MemberComposition}'s words: who was a member on the day asked (joined before
 * it, not departed by then), probationary if not converted by then, the bands of the day, at the root and at a school,
 * with the edge cases written here (joined after the day, departed before it and on it, converted after it, a student
 * without a graduation year, birthdays on a band's edge).
 */
class CompositionOracleTest extends PlatformTest {

	@Autowired
	MemberDirectory directory;

	@Autowired
	OrganizationScope scope;

	static final LocalDate DAY = LocalDate.of(2025, 12, 1);

	/** This test's members, written straight into the table (their ID card is no cipher text): gone after it. */
	private String tag;

	@BeforeEach
	void edgeCases() {
		long branch = firstBranchBelow("SFDX");
		tag = unique("CO");
		insert(tag + "a", branch, "FACULTY", "FULL", DAY.plusDays(3), null, null, DAY.minusYears(25), null); // joined after
		insert(tag + "b", branch, "FACULTY", "FULL", DAY.minusYears(3), DAY.minusYears(2), DAY.minusDays(1), DAY.minusYears(40), null); // left before
		insert(tag + "c", branch, "FACULTY", "FULL", DAY.minusYears(3), DAY.minusYears(2), DAY, DAY.minusYears(25), null); // left on the day
		insert(tag + "d", branch, "STUDENT", "FULL", DAY.minusYears(1), DAY.plusDays(10), null, DAY.minusYears(25).plusDays(1), null); // converted after
		insert(tag + "e", branch, "STUDENT", "PROBATIONARY", DAY.minusMonths(5), null, null, DAY.minusYears(65), null); // 65 on the day, no year
		insert(tag + "f", branch, "STUDENT", "FULL", DAY.minusYears(6), null, null, DAY.minusYears(35), 2026); // no conversion date
	}

	@AfterEach
	void removeThem() {
		jdbc.sql("delete from member where staff_number like ?").param(tag + "%").update();
	}

	private void insert(String staff, long org, String category, String status, LocalDate joined, LocalDate converted,
			LocalDate departed, LocalDate born, Integer graduation) {
		jdbc.sql("""
				insert into member (name, gender, ethnicity, birth_date, id_card_encrypted, id_card_hash, id_card_masked,
				  education, category, staff_number, organization_id, status, join_date, conversion_date, departed_on, graduation_year)
				values ('组成' || ?, 'FEMALE', '汉族', ?, 'x', ?, '110101********0000', 'MASTER', ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(staff, born, "oracle-" + staff, category, staff, org, status, joined, converted, departed, graduation)
			.update();
	}

	@Test
	@DisplayName("the composition of grouping sets is the one counted member by member, at the root and at a school, on past and future days")
	void theCompositionIsTheOneCountedMemberByMember() {
		long root = jdbc.sql("select id from organization where parent_id is null and dissolved_at is null order by id limit 1")
			.query(Long.class).single();
		for (long top : new long[] { root, orgId("SFDX") }) {
			Set<Long> tree = scope.subtree(top);
			for (LocalDate day : List.of(DAY, DAY.plusDays(1), LocalDate.now().plusDays(1))) {
				Composition counted = directory.composition(tree, day);
				Composition oracle = oracle(tree, day);
				assertThat(counted.total()).as(top + " " + day).isPositive().isEqualTo(oracle.total());
				assertThat(counted.full()).as(top + " " + day).isEqualTo(oracle.full());
				assertThat(counted.probationary()).as(top + " " + day).isEqualTo(oracle.probationary());
				assertThat(counted.byOrganization()).as(top + " " + day).isEqualTo(oracle.byOrganization());
				for (String d : Composition.DIMENSIONS) {
					// the same buckets, in the same display order
					assertThat(new ArrayList<>(counted.byDimension().get(d).entrySet())).as(top + " " + day + " " + d)
						.containsExactlyInAnyOrderElementsOf(oracle.byDimension().get(d).entrySet());
				}
			}
		}
	}

	/** The rule member by member, in Java. */
	Composition oracle(Set<Long> tree, LocalDate day) {
		long[] totals = new long[2];
		Map<Long, Long> byOrg = new HashMap<>();
		Map<String, Map<String, Long>> byDimension = new HashMap<>();
		Composition.DIMENSIONS.forEach(d -> byDimension.put(d, new HashMap<>()));
		jdbc.sql("""
				select organization_id, category, gender, education, birth_date, conversion_date, status, graduation_year,
				  join_date, departed_on from member where organization_id = any(?)""").param(tree.toArray(Long[]::new))
			.query(rs -> {
				LocalDate joined = date(rs.getDate(9));
				LocalDate departed = date(rs.getDate(10));
				if (joined == null || !joined.isBefore(day) || (departed != null && departed.isBefore(day))) {
					return;
				}
				String category = rs.getString(2);
				LocalDate born = date(rs.getDate(5));
				LocalDate converted = date(rs.getDate(6));
				boolean probationary = "PROBATIONARY".equals(rs.getString(7)) || (converted != null && !converted.isBefore(day));
				totals[0]++;
				totals[1] += probationary ? 1 : 0;
				byOrg.merge(rs.getLong(1), 1L, Long::sum);
				Integer year = (Integer) rs.getObject(8);
				Map<String, String> keys = new HashMap<>();
				keys.put("category", category);
				keys.put("gender", rs.getString(3));
				keys.put("education", rs.getString(4));
				keys.put("age", band(born, day, new int[] { 25, 35, 45, 55, 65 }, new String[] { "0-24", "25-34", "35-44", "45-54", "55-64", "65-" }));
				keys.put("partyAge", probationary ? "none" : converted == null ? "unknown"
						: band(converted, day, new int[] { 5, 10, 20, 30 }, new String[] { "0-4", "5-9", "10-19", "20-29", "30-" }));
				keys.put("graduation", category != null && !category.equals("STUDENT") ? null
						: year == null ? "unknown" : year.toString());
				keys.forEach((d, key) -> {
					if (key != null) {
						byDimension.get(d).merge(key, 1L, Long::sum);
					}
				});
			});
		return new Composition(totals[0], totals[0] - totals[1], totals[1], byDimension, byOrg);
	}

	/** The band of a date: the first whose years back from the day it is on or after; none known: the last (as SQL's case). */
	private static String band(LocalDate date, LocalDate day, int[] years, String[] names) {
		for (int i = 0; i < years.length; i++) {
			if (date != null && !date.isBefore(day.minusYears(years[i]))) {
				return names[i];
			}
		}
		return names[years.length];
	}

	private static LocalDate date(java.sql.Date d) {
		return d == null ? null : d.toLocalDate();
	}
}
