package cn.partybuilding.shared;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the class through which other modules ask of, and tell, a module: its one public class besides
 * its events and value types. A module has one façade, or a very few, each saying why it stands apart.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Facade {

	/** What other modules use this façade for, in one line. */
	String value();
}
