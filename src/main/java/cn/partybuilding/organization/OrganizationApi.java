package cn.partybuilding.organization;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.List;
import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import cn.partybuilding.shared.Caller;

/** JSON for the organisation tree; scoped like the pages (out of scope → 404). */
@RestController
@RequestMapping("/api/v1/organizations")
class OrganizationApi {

	private final OrganizationTree tree;

	private final MessageSource messages;

	OrganizationApi(OrganizationTree tree, MessageSource messages) {
		this.tree = tree;
		this.messages = messages;
	}

	record OrganizationJson(long id, String code, String name, OrgType type, Long parentId,
			List<OrganizationTree.Crumb> path, List<OrgRef> children, List<OrganizationTree.CommitteeSeat> committee,
			List<String> warnings, OrganizationTree.Permissions permissions, String dissolveBlocker) {
	}

	record Patch(@Size(max = 100) String name, Long parentId, Integer sortOrder) {
	}

	@GetMapping
	List<TreeNode> tree() {
		return tree.visibleTree(Caller.require());
	}

	@GetMapping("/{id}")
	OrganizationJson one(@PathVariable long id, Locale locale) {
		return json(tree.details(Caller.require(), id), locale);
	}

	@PostMapping
	ResponseEntity<OrganizationJson> create(@RequestBody @Valid NewOrganization request, Locale locale) {
		Caller caller = Caller.require();
		OrgRef created = tree.create(caller, request);
		return ResponseEntity.created(URI.create("/api/v1/organizations/" + created.id()))
			.body(json(tree.details(caller, created.id()), locale));
	}

	@PatchMapping("/{id}")
	OrganizationJson patch(@PathVariable long id, @RequestBody @Valid Patch patch, Locale locale) {
		Caller caller = Caller.require();
		tree.update(caller, id, patch.name(), patch.parentId(), patch.sortOrder());
		return json(tree.details(caller, id), locale);
	}

	@DeleteMapping("/{id}")
	ResponseEntity<Void> dissolve(@PathVariable long id) {
		tree.dissolve(Caller.require(), id);
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/{id}/committee")
	ResponseEntity<OrganizationJson> appoint(@PathVariable long id, @RequestBody @Valid NewSeat seat,
			Locale locale) {
		Caller caller = Caller.require();
		tree.appoint(caller, id, seat);
		return ResponseEntity.status(201).body(json(tree.details(caller, id), locale));
	}

	@DeleteMapping("/{id}/committee/{seatId}")
	ResponseEntity<Void> vacate(@PathVariable long id, @PathVariable long seatId) {
		tree.vacate(Caller.require(), id, seatId);
		return ResponseEntity.noContent().build();
	}

	private OrganizationJson json(OrganizationTree.Details d, Locale locale) {
		OrgRef o = d.organization();
		List<String> warnings = d.warnings().stream().map(w -> w.text(messages, locale)).toList();
		return new OrganizationJson(o.id(), o.code(), o.name(), o.type(), o.parentId(), d.lineage(), d.children(),
				d.committee(), warnings, d.permissions(), d.dissolveBlocker());
	}

}
