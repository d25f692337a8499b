package io.comply360.platform.testkit;

import java.lang.reflect.Field;
import java.lang.reflect.Method;

/**
 * How many query plans Hibernate keeps cached. A query that adds a new plan on every call (an untyped native
 * select, say) fills the cache to its maximum and makes every later native select scan it, so tests run a
 * request many times and assert this number stays flat. Read by reflection: Hibernate Reactive does not expose
 * its session factory's interpretation cache.
 */
public final class QueryPlans {

    private QueryPlans() {}

    /** The number of cached query plans of {@code sessionFactory} (a {@code Mutiny.SessionFactory}). */
    public static int cached(Object sessionFactory) {
        try {
            Object target = sessionFactory;
            // CDI hands out a client proxy; the Hibernate Reactive implementation holds the ORM factory as "delegate".
            Method unproxy = findMethod(target.getClass(), "arc_contextualInstance");
            if (unproxy != null) {
                unproxy.setAccessible(true);
                target = unproxy.invoke(target);
            }
            Field delegate = findField(target.getClass(), "delegate");
            delegate.setAccessible(true);
            Object ormFactory = delegate.get(target);
            Object queryEngine =
                    ormFactory.getClass().getMethod("getQueryEngine").invoke(ormFactory);
            Object cache =
                    queryEngine.getClass().getMethod("getInterpretationCache").invoke(queryEngine);
            Method plans = cache.getClass().getMethod("getNumberOfCachedQueryPlans");
            plans.setAccessible(true);
            return (int) plans.invoke(cache);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot read Hibernate's query plan cache", e);
        }
    }

    private static Field findField(Class<?> type, String name) throws NoSuchFieldException {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            try {
                return c.getDeclaredField(name);
            } catch (NoSuchFieldException e) {
                // look further up
            }
        }
        throw new NoSuchFieldException(name + " in " + type);
    }

    private static Method findMethod(Class<?> type, String name) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Method m : c.getDeclaredMethods()) {
                if (m.getName().equals(name) && m.getParameterCount() == 0) {
                    return m;
                }
            }
        }
        return null;
    }
}
