package cn.partybuilding.organization;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import cn.partybuilding.shared.FieldProblem;

/** A node of the tree. Its path ('/1/7/42/') lists its ancestors and itself. */
@Entity
@Table(name = "organization")
class Organization {

	@Id
	private Long id;

	private String code;

	private String name;

	@Enumerated(EnumType.STRING)
	private OrgType type;

	@Column(name = "parent_id")
	private Long parentId;

	private String path;

	private int depth;

	@Column(name = "sort_order")
	private int sortOrder;

	@Column(name = "dissolved_at")
	private Instant dissolvedAt;

	@Column(name = "created_at", insertable = false, updatable = false)
	private Instant createdAt;

	@Version
	private Long version;

	protected Organization() {
	}

	private Organization(long id, String code, String name, OrgType type, Organization parent, int sortOrder) {
		if (!type.mayHangUnder(parent == null ? null : parent.type)) {
			throw new FieldProblem("type", "org.type.notUnderParent");
		}
		this.id = id;
		this.code = code.trim();
		this.name = name.trim();
		this.type = type;
		this.parentId = parent == null ? null : parent.id;
		this.path = (parent == null ? "/" : parent.path) + id + "/";
		this.depth = parent == null ? 0 : parent.depth + 1;
		this.sortOrder = sortOrder;
	}

	static Organization root(long id, String code, String name, OrgType type) {
		return new Organization(id, code, name, type, null, 0);
	}

	Organization newChild(long childId, String code, String name, OrgType type, int sortOrder) {
		requireActive();
		return new Organization(childId, code, name, type, this, sortOrder);
	}

	void rename(String newName) {
		requireActive();
		this.name = newName.trim();
	}

	void placeAt(int newSortOrder) {
		this.sortOrder = newSortOrder;
	}

	/** Hangs this node under a new parent; the caller rewrites the descendants' paths with {@link #path()}. */
	void moveUnder(Organization newParent) {
		requireActive();
		if (newParent.isInside(this)) {
			throw new FieldProblem("parentId", "org.move.intoOwnSubtree");
		}
		if (!type.mayHangUnder(newParent.type)) {
			throw new FieldProblem("parentId", "org.type.notUnderParent");
		}
		this.parentId = newParent.id;
		this.path = newParent.path + id + "/";
		this.depth = newParent.depth + 1;
	}

	void dissolve(Instant when) {
		requireActive();
		this.dissolvedAt = when;
	}

	/** True when this node is {@code other} or one of its descendants. */
	boolean isInside(Organization other) {
		return path.startsWith(other.path);
	}

	private void requireActive() {
		if (dissolvedAt != null) {
			throw new FieldProblem("id", "org.dissolved");
		}
	}

	OrgRef ref() {
		return new OrgRef(id, code, name, type, parentId, depth);
	}

	Long id() {
		return id;
	}

	String code() {
		return code;
	}

	String name() {
		return name;
	}

	OrgType type() {
		return type;
	}

	Long parentId() {
		return parentId;
	}

	String path() {
		return path;
	}

	int depth() {
		return depth;
	}

	int sortOrder() {
		return sortOrder;
	}

	boolean dissolved() {
		return dissolvedAt != null;
	}

	Long version() {
		return version;
	}
}
