package cn.partybuilding.development;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** People and steps through the API, for the tests of the parts built on the path. */
final class DevelopmentFixtures {

	static final ObjectMapper JSON = new ObjectMapper();

	private DevelopmentFixtures() {
	}

	/** A paper application by the branch: the answer ({id, username, initialPassword}). */
	static JsonNode apply(MockMvc mvc, RequestPostProcessor branch, long branchId, String staff, String name,
			LocalDate appliedOn) throws Exception {
		Map<String, Object> body = new HashMap<>(Map.of("name", name, "gender", "MALE", "ethnicity", "汉族",
				"birthDate", "2003-04-05", "idCard", DevelopmentApiTest.idCard("20030405"), "staffNumber", staff,
				"category", "STUDENT", "education", "BACHELOR", "phone", "13800138000", "branchId", branchId));
		body.put("appliedOn", appliedOn.toString());
		return JSON.readTree(mvc.perform(post("/api/v1/development/people").with(csrf()).with(branch)
				.contentType(MediaType.APPLICATION_JSON).content(JSON.writeValueAsString(body)))
			.andExpect(status().isCreated()).andReturn().getResponse().getContentAsString());
	}

	static ResultActions step(MockMvc mvc, RequestPostProcessor who, long id, int step, LocalDate date, Object... more)
			throws Exception {
		Map<String, Object> body = new HashMap<>(Map.of("step", step, "date", date.toString()));
		for (int i = 0; i < more.length; i += 2) {
			body.put((String) more[i], more[i + 1]);
		}
		return mvc.perform(post("/api/v1/development/people/{id}/steps", id).with(csrf()).with(who)
			.contentType(MediaType.APPLICATION_JSON).content(JSON.writeValueAsString(body)));
	}

	static void done(MockMvc mvc, RequestPostProcessor who, long id, int step, LocalDate date, Object... more)
			throws Exception {
		step(mvc, who, id, step, date, more).andExpect(status().isCreated());
	}

	/**
	 * Steps 2 to 10 of a person who applied on {@code applied}, each on the first day the rules allow or soon after
	 * ({@code full}: two 正式党员 of the branch, the first the 培养联系人); returns step 10's date.
	 */
	static LocalDate throughStepTen(MockMvc mvc, RequestPostProcessor branch, RequestPostProcessor college, long id,
			LocalDate applied, java.util.List<Long> full) throws Exception {
		LocalDate activist = applied.plusDays(20);
		done(mvc, branch, id, 2, applied.plusDays(10), "note", "谈话");
		done(mvc, branch, id, 3, activist, "note", "党员推荐");
		done(mvc, college, id, 4, applied.plusDays(25));
		done(mvc, branch, id, 5, applied.plusDays(26), "memberIds", java.util.List.of(full.get(0)));
		done(mvc, branch, id, 6, applied.plusDays(60));
		LocalDate candidate = activist.plusYears(1);
		done(mvc, branch, id, 7, candidate);
		done(mvc, college, id, 8, candidate.plusDays(5));
		done(mvc, branch, id, 9, candidate.plusDays(10), "memberIds", full);
		LocalDate reviewed = candidate.plusDays(20);
		done(mvc, branch, id, 10, reviewed);
		return reviewed;
	}
}
