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
import org.springframework.web.bind.annotation.RequestParam;
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

	/**
	 * A page of organisations: {@code items} flat (each with its {@code parentId}, {@code depth} and whether it has
	 * children), {@code next} the {@code after} of the next page (null on the last, also in {@code X-Next-After}).
	 * {@code truncated}: the whole tree was asked for (no parentId, size or after) but the caller sees more than
	 * {@code party.organization.chooser-limit} organisations and more than a page of them, so this is its first page
	 * only: follow {@code next}.
	 */
	record OrganizationListPage(List<TreeListing.OrganizationListItem> items, String next, boolean truncated, Long parentId) {
	}

	static final int DEFAULT_SIZE = 200;

	static final int MAX_SIZE = 1000;

	/**
	 * Without parameters the caller's whole tree, nested, as before — up to {@code party.organization.chooser-limit}
	 * organisations; above it (a province's 24 000) the first page of the flat list in path order, said with
	 * {@code truncated: true}. {@code parentId}: the organisations right below one (in reach, else the audited 404), by
	 * sort order; {@code size} (1–1000, default 200) and {@code after} (the previous page's {@code next}): a keyset page.
	 */
	@GetMapping
	ResponseEntity<?> tree(@RequestParam(required = false) Long parentId,
			@RequestParam(required = false) Integer size, @RequestParam(required = false) @Size(max = 2800) String after) {
		Caller caller = Caller.require();
		boolean whole = parentId == null && size == null && after == null;
		if (whole && !tree.large(caller)) {
			return ResponseEntity.ok(tree.visibleTree(caller));
		}
		int n = size == null ? DEFAULT_SIZE : Math.max(1, Math.min(size, MAX_SIZE));
		String from = after == null || after.isBlank() ? null : after;
		TreeListing.Slice slice = parentId == null ? tree.listPage(caller, from, n) : tree.childrenPage(caller, parentId, from, n);
		ResponseEntity.BodyBuilder response = ResponseEntity.ok();
		if (slice.next() != null) {
			response.header("X-Next-After", slice.next());
		}
		return response.body(new OrganizationListPage(slice.items(), slice.next(), whole && slice.next() != null, parentId));
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
