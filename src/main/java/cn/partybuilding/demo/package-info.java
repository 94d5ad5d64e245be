/**
 * The demo university 示范大学, built through the modules' façades as an office would build it, and the scale generator for benchmarks.
 */
@ApplicationModule(displayName = "演示数据")
package cn.partybuilding.demo;

import org.springframework.modulith.ApplicationModule;
