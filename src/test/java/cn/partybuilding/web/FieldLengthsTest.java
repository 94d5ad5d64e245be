package cn.partybuilding.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.ResponseEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import cn.partybuilding.PlatformTest;
import cn.partybuilding.shared.PlatformZone;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every text the API accepts has a limit the database can hold, published in the OpenAPI description as
 * {@code maxLength} and enforced with a field error (400), never left to the database (a {@code varchar}
 * overflow used to answer 409 "数据已被他人修改"). The test walks the description, so a new field without a
 * limit fails it.
 */
class FieldLengthsTest extends PlatformTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Set<String> WRITES = Set.of("post", "put", "patch");

	/**
	 * A text property: the steps to it (a property name, or {@code null} for "the first element"), the objects
	 * passed on the way (to fill their numbers and flags: a primitive left out is a 400 of its own), its schema.
	 */
	private record Leaf(List<String> steps, List<JsonNode> objects, JsonNode schema) {

		/** The field as Spring names it in its errors: {@code profile.name}, {@code graduates[0].contactName}, {@code months[0]}. */
		String field() {
			StringBuilder sb = new StringBuilder();
			for (String step : steps) {
				if (step == null) {
					sb.append("[0]");
				}
				else {
					sb.append(sb.isEmpty() ? "" : ".").append(step);
				}
			}
			return sb.toString();
		}
	}

	@Autowired
	ApiErrors apiErrors;

	@Autowired
	PageErrors pageErrors;

	RequestPostProcessor admin;

	JsonNode api;

	@BeforeEach
	void description() throws Exception {
		admin = login("admin");
		api = JSON.readTree(mvc.perform(get("/v3/api-docs").with(admin))
			.andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString());
	}

	@Test
	void aMeetingLecturerLongerThanItsColumnIsAFieldErrorNotAConflict() throws Exception {
		mvc.perform(post("/api/v1/meetings").with(admin).with(csrf().asHeader())
				.contentType(MediaType.APPLICATION_JSON)
				.content(JSON.writeValueAsString(Map.of("lecturer", "讲".repeat(60)))))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.status").value(400))
			.andExpect(jsonPath("$.errors[?(@.field == 'lecturer')].message").value(hasItem("不能超过 50 个字")));
	}

	@Test
	void aPageFormShowsTheLimitBesideTheFieldAndKeepsWhatWasTyped() throws Exception {
		RequestPostProcessor branch1 = login("branch1");
		LocalDateTime start = LocalDateTime.now(PlatformZone.ZONE).plusDays(3).truncatedTo(ChronoUnit.MINUTES);
		String topic = unique("字数校验");
		mvc.perform(post("/meetings").with(branch1).with(csrf()).param("orgId", Long.toString(orgId("SFDX-JSJ-01")))
				.param("type", "PARTY_LECTURE").param("topic", topic).param("lecturer", "讲".repeat(60))
				.param("startAt", start.toString()).param("endAt", start.plusHours(1).toString()))
			.andExpect(status().isOk())
			.andExpect(content().string(org.hamcrest.Matchers.containsString("不能超过 50 个字")))
			.andExpect(content().string(org.hamcrest.Matchers.containsString(topic)));
		assertThat(jdbc.sql("select count(*) from meeting where topic = ?").param(topic).query(Long.class).single()).isZero();

		// the minutes (a text column) have a generous limit, said beside the field, nothing written
		String body = """
				{"orgId": %d, "type": "PARTY_LECTURE", "topic": "%s", "startAt": "%s", "endAt": "%s", "invitees": {"scope": "BRANCH"}}"""
			.formatted(orgId("SFDX-JSJ-01"), topic, start.atZone(PlatformZone.ZONE).toInstant(),
					start.plusHours(1).atZone(PlatformZone.ZONE).toInstant());
		long meeting = JSON.readTree(mvc.perform(post("/api/v1/meetings").with(branch1).with(csrf().asHeader())
				.contentType(MediaType.APPLICATION_JSON).content(body))
			.andExpect(status().isCreated())
			.andReturn().getResponse().getContentAsString()).get("id").asLong();
		mvc.perform(post("/meetings/{id}/minutes", meeting).with(branch1).with(csrf())
				.param("action", "save").param("text", "记".repeat(20_001)).param("resolutions", "决议一"))
			.andExpect(status().isOk())
			.andExpect(content().string(org.hamcrest.Matchers.containsString("不能超过 20000 个字")))
			.andExpect(content().string(org.hamcrest.Matchers.containsString("决议一")));
		assertThat(jdbc.sql("select count(*) from meeting_minutes where meeting_id = ?").param(meeting).query(Long.class).single())
			.isZero();
	}

	/** Behind the limits, a text the database still refuses for its length is the request's fault (400), not a conflict. */
	@Test
	void aValueTooLongForItsColumnIsABadRequestNotAConflict() {
		DataIntegrityViolationException refused = null;
		try {
			jdbc.sql("do $$ begin create temp table too_long (v varchar(2)); insert into too_long values ('abc'); end $$").update();
		}
		catch (DataIntegrityViolationException ex) {
			refused = ex;
		}
		assertThat(refused).as("PostgreSQL refuses a value longer than its varchar").isNotNull();
		ResponseEntity<Map<String, Object>> answer = apiErrors.conflict(refused, Locale.SIMPLIFIED_CHINESE);
		assertThat(answer.getStatusCode().value()).isEqualTo(400);
		assertThat(answer.getBody()).containsEntry("message", "有内容超过了允许的长度，请缩短后重试");
		assertThat(pageErrors.conflict(refused, Locale.SIMPLIFIED_CHINESE).getStatus().value()).isEqualTo(400);
		assertThat(apiErrors.conflict(new DataIntegrityViolationException("duplicate key"), Locale.SIMPLIFIED_CHINESE)
			.getStatusCode().value()).isEqualTo(409);
	}

	@Test
	void everyTextFieldOfEveryWriteEndpointHasALimitAndAnOverlongValueIsAFieldError() throws Exception {
		List<String> unlimited = new ArrayList<>();
		List<String> wrong = new ArrayList<>();
		int checked = 0;
		for (Map.Entry<String, JsonNode> path : api.path("paths").properties()) {
			for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
				if (!WRITES.contains(operation.getKey())) {
					continue;
				}
				JsonNode body = operation.getValue().path("requestBody").path("content").path("application/json").path("schema");
				if (body.isMissingNode()) {
					continue;
				}
				String endpoint = operation.getKey().toUpperCase() + " " + path.getKey();
				List<Leaf> leaves = new ArrayList<>();
				texts(body, new ArrayList<>(), new ArrayList<>(), new HashSet<>(), leaves);
				for (Leaf leaf : leaves) {
					if (!leaf.schema().has("maxLength")) {
						unlimited.add(endpoint + " " + leaf.field());
						continue;
					}
					int max = leaf.schema().get("maxLength").asInt();
					String answer = overlong(operation.getKey(), path.getKey(), leaf, max);
					if (answer != null) {
						wrong.add(endpoint + " " + leaf.field() + " (" + (max + 1) + " characters): " + answer);
					}
					checked++;
				}
			}
		}
		assertThat(unlimited).as("text fields without maxLength in /v3/api-docs").isEmpty();
		assertThat(wrong).as("over-long values not answered with 400 naming the field").isEmpty();
		assertThat(checked).as("text fields checked").isGreaterThan(40);
	}

	/** Posts {@code max + 1} characters in one field; null when the answer is a 400 naming that field. */
	private String overlong(String method, String template, Leaf leaf, int max) throws Exception {
		ObjectNode body = scalars(JSON.createObjectNode(), leaf.objects().get(0));
		put(body, leaf, 0, "字".repeat(max + 1));
		String uri = template.replaceAll("\\{[^}]+}", "1");
		MockHttpServletResponse response = null;
		// the 党委 administrator reaches most endpoints; the accounts' ones only the security administrator
		for (RequestPostProcessor who : List.of(admin, login("secadmin"))) {
			response = mvc.perform(request(HttpMethod.valueOf(method.toUpperCase()), uri)
					.with(who).with(csrf().asHeader())
					.contentType(MediaType.APPLICATION_JSON)
					.content(JSON.writeValueAsString(body)))
				.andReturn().getResponse();
			if (response.getStatus() != 403) {
				break;
			}
		}
		String text = response.getContentAsString();
		if (response.getStatus() != 400) {
			return response.getStatus() + " " + text;
		}
		JsonNode answer = JSON.readTree(text);
		for (JsonNode error : answer.path("errors")) {
			if (leaf.field().equals(error.path("field").asString())
					&& error.path("message").asString().contains(String.valueOf(max))) {
				return null;
			}
		}
		return "400 without a field error for " + leaf.field() + " naming " + max + ": " + text;
	}

	/** Puts the value at the leaf, creating the objects and arrays on the way with their numbers and flags set. */
	private static void put(JsonNode node, Leaf leaf, int at, String value) {
		List<String> steps = leaf.steps();
		String step = steps.get(at);
		boolean last = at == steps.size() - 1;
		String next = last ? null : steps.get(at + 1);
		if (node instanceof ObjectNode object) {
			if (last) {
				object.put(step, value);
			}
			else {
				JsonNode child = next == null ? object.putArray(step) : scalars(object.putObject(step), leaf.objects().get(at + 1));
				put(child, leaf, at + 1, value);
			}
		}
		else if (node instanceof ArrayNode array) {
			if (last) {
				array.add(value);
			}
			else {
				put(next == null ? array.addArray() : scalars(array.addObject(), leaf.objects().get(at + 1)), leaf, at + 1, value);
			}
		}
	}

	/** A plausible value for every number and flag of an object (ids of 1: validation answers before any look-up). */
	private static ObjectNode scalars(ObjectNode object, JsonNode schema) {
		for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
			String type = type(property.getValue());
			if ("integer".equals(type) || "number".equals(type)) {
				object.put(property.getKey(), 1);
			}
			else if ("boolean".equals(type)) {
				object.put(property.getKey(), false);
			}
		}
		return object;
	}

	/**
	 * The string properties of a schema (through $ref, allOf, nested objects and arrays), enums and formats
	 * (dates, months, times) aside; {@code objects} holds the object schema at each step so far.
	 */
	private void texts(JsonNode schema, List<String> steps, List<JsonNode> objects, Set<String> seen, List<Leaf> leaves) {
		if (schema.has("$ref")) {
			String ref = schema.get("$ref").asString();
			if (!seen.add(ref)) {
				return;
			}
			JsonNode target = api.path("components").path("schemas").path(ref.substring(ref.lastIndexOf('/') + 1));
			texts(target, steps, objects, seen, leaves);
			seen.remove(ref);
			return;
		}
		for (String combined : List.of("allOf", "anyOf", "oneOf")) {
			for (JsonNode part : schema.path(combined)) {
				texts(part, steps, objects, seen, leaves);
			}
		}
		String type = type(schema);
		if ("string".equals(type)) {
			if (!schema.has("enum") && !schema.has("format") && !steps.isEmpty()) {
				leaves.add(new Leaf(new ArrayList<>(steps), new ArrayList<>(objects), schema));
			}
		}
		else if ("array".equals(type)) {
			texts(schema.path("items"), with(steps, null), with(objects, schema), seen, leaves);
		}
		for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
			texts(property.getValue(), with(steps, property.getKey()), with(objects, schema), seen, leaves);
		}
	}

	private static <T> List<T> with(List<T> list, T more) {
		List<T> longer = new ArrayList<>(list);
		longer.add(more);
		return longer;
	}

	/** OpenAPI 3.1 may give {@code type} as a list ({@code ["string", "null"]}). */
	private static String type(JsonNode schema) {
		JsonNode type = schema.path("type");
		if (type.isArray()) {
			for (JsonNode t : type) {
				if (!"null".equals(t.asString())) {
					return t.asString();
				}
			}
			return null;
		}
		return type.isMissingNode() ? null : type.asString();
	}
}
