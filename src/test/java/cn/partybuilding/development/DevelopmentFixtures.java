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
}
