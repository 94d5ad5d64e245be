package cn.partybuilding.member;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import cn.partybuilding.PlatformTest;
import cn.partybuilding.organization.OrganizationScope;

/**
 * The member list's total over a scope of more than a thousand organisations comes from a copy a few seconds old and
 * says so; a smaller scope's is summed on every page. (The suite runs with copies off, its tree being large and its
 * tests counting right after writing; this listing keeps them ten minutes.)
 */
class MemberListRecentTotalsTest extends PlatformTest {

	@Autowired
	OrganizationScope scope;

	@Autowired
	Clock clock;

	@Autowired
	PlatformTransactionManager transactions;

	@Test
	void aScopeOfMoreThanAThousandOrganisationsShowsItsTotalFromACopySaidSo() throws Exception {
		MemberListing listing = new MemberListing(jdbc, scope, clock, Duration.ofMinutes(10));
		long branch = orgId("SFDX-JSJ-01");
		// the branch and a thousand ids no organisation has: a scope of 1 001 organisations, whose sum is the branch's
		Set<Long> large = new HashSet<>(LongStream.rangeClosed(1, 1000).map(i -> -i).boxed().toList());
		large.add(branch);
		long before = jdbc.sql("select members from member_count where organization_id = ?").param(branch).query(Long.class)
			.single();

		MemberListing.Found first = read(() -> listing.find(large, everyone(), LocalDate.now(clock), 0, 20, null));
		assertThat(first.total()).isEqualTo(before);
		assertThat(first.exact()).as("a copy: said so").isFalse();

		mvc.perform(post("/api/v1/members").with(login("branch1")).with(csrf().asHeader())
			.contentType(MediaType.APPLICATION_JSON)
			.content("""
					{"name": "李新", "gender": "MALE", "ethnicity": "汉族", "birthDate": "1998-05-17", "idCard": "%s",
					 "nativePlace": "湖北武汉", "education": "MASTER", "category": "STUDENT", "staffNumber": "%s",
					 "phone": "13812345678", "organizationId": %d, "status": "PROBATIONARY", "joinDate": "2024-06-20",
					 "graduationYear": 2027}""".formatted(MemberRegistryTest.idCard(), unique("S"), branch)))
			.andExpect(status().isCreated());

		assertThat(read(() -> listing.find(large, everyone(), LocalDate.now(clock), 0, 20, null)).total())
			.as("within the copy's age: the same total").isEqualTo(before);
		MemberListing.Found small = read(() -> listing.find(Set.of(branch), everyone(), LocalDate.now(clock), 0, 20, null));
		assertThat(small.total()).as("a branch: summed, the new member counted").isEqualTo(before + 1);
		assertThat(small.exact()).isTrue();
		assertThat(read(() -> new MemberListing(jdbc, scope, clock, Duration.ZERO)
			.find(large, everyone(), LocalDate.now(clock), 0, 20, null)).total()).as("copies off: summed").isEqualTo(before + 1);
	}

	private static MemberRegistry.Filter everyone() {
		return new MemberRegistry.Filter(null, null, null, null);
	}

	private <T> T read(Supplier<T> work) {
		TransactionTemplate readOnly = new TransactionTemplate(transactions);
		readOnly.setReadOnly(true);
		return readOnly.execute(status -> work.get());
	}
}
