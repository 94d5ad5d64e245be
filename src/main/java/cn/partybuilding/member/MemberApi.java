package cn.partybuilding.member;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.io.IOException;
import java.net.URI;
import java.util.List;

import org.springframework.data.domain.Page;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.partybuilding.shared.Caller;

/** JSON for the member database, scoped like the pages; sensitive fields masked unless revealed. */
@RestController
@RequestMapping("/api/v1/members")
class MemberApi {

	private final MemberRegistry registry;

	private final MemberSheet sheet;

	private final MemberImports imports;

	MemberApi(MemberRegistry registry, MemberSheet sheet, MemberImports imports) {
		this.registry = registry;
		this.sheet = sheet;
		this.imports = imports;
	}

	@GetMapping("/import-template")
	ResponseEntity<byte[]> template() throws IOException {
		Caller.require();
		MemberImports.Branches branches = imports.branchesFor(Caller.require());
		return MemberSheet.download("党员信息导入模板.xlsx", "member-import-template.xlsx", out -> sheet.template(branches.organizations(), branches.parentNames(), out));
	}

	/** The list's filters, as a streamed .xlsx with sensitive fields masked; the export is audited. */
	@GetMapping("/export")
	ResponseEntity<byte[]> export(@RequestParam(required = false) String q, @RequestParam(required = false) Long orgId,
			@RequestParam(required = false) Category category, @RequestParam(required = false) MemberStatus status,
			@RequestParam(required = false) Gender gender, @RequestParam(required = false) Education education,
			@RequestParam(required = false) Integer joinYear, @RequestParam(required = false) Integer graduationYear,
			@RequestParam(required = false) Integer partyYearsMin, @RequestParam(required = false) Integer partyYearsMax)
			throws IOException {
		Caller caller = Caller.require();
		var filter = new MemberRegistry.Filter(q, orgId, category, status, gender, education, joinYear, graduationYear, null,
				partyYearsMin, partyYearsMax);
		return MemberSheet.download("党员信息.xlsx", "members.xlsx", out -> sheet.export(caller, filter, out));
	}

	/**
	 * {@code totalElements} is exact when {@code totalExact}, else the planner's estimate (a filter matching more than
	 * a thousand); {@code next} is the cursor of the page after this one ({@code after=}), null on the last page.
	 */
	record MemberPage(List<MemberView> content, long totalElements, int page, int size, boolean totalExact,
			String next) {
	}

	@GetMapping
	MemberPage list(@RequestParam(required = false) String q, @RequestParam(required = false) Long orgId,
			@RequestParam(required = false) Category category, @RequestParam(required = false) MemberStatus status,
			@RequestParam(required = false) Gender gender, @RequestParam(required = false) Education education,
			@RequestParam(required = false) Integer joinYear, @RequestParam(required = false) Integer graduationYear,
			@RequestParam(required = false) Integer partyYearsMin, @RequestParam(required = false) Integer partyYearsMax,
			@RequestParam(required = false) String sort,
			@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size,
			@RequestParam(required = false) @Size(max = 400) String after) {
		MemberRegistry.Listed listed = registry.list(Caller.require(),
				new MemberRegistry.Filter(q, orgId, category, status, gender, education, joinYear, graduationYear, sort,
						partyYearsMin, partyYearsMax), page, Math.min(Math.max(size, 1), 200), after);
		Page<MemberView> result = listed.page();
		return new MemberPage(result.getContent(), result.getTotalElements(), result.getNumber(), result.getSize(),
				listed.totalExact(), listed.next());
	}

	@GetMapping("/{id}")
	MemberView one(@PathVariable long id) {
		return registry.find(Caller.require(), id);
	}

	@PostMapping
	ResponseEntity<RegisteredMember> register(@RequestBody @Valid MemberForm form) {
		RegisteredMember registered = registry.register(Caller.require(), form);
		return ResponseEntity.created(URI.create("/api/v1/members/" + registered.id())).body(registered);
	}

	/** The body is the whole corrected profile plus the {@code version} the editor started from. */
	record Correction(long version, @Valid MemberForm profile) {
	}

	@PutMapping("/{id}")
	MemberView correct(@PathVariable long id, @RequestBody @Valid Correction correction) {
		return registry.correct(Caller.require(), id, correction.version(), correction.profile());
	}

	/** Why the full values are needed: required, and shown to the member. */
	record RevealRequest(@Size(max = 200) String reason) {
	}

	/** A body without a reason (or none at all) is 400 on the field {@code reason}, after the scope check. */
	@PostMapping("/{id}/reveal")
	Revealed reveal(@PathVariable long id, @RequestBody(required = false) @Valid RevealRequest request) {
		return registry.reveal(Caller.require(), id, request == null ? null : request.reason());
	}
}
