/**
 * Value types that fields, collections and records share (upstream's tools/types and id helpers): a
 * {@link dev.locket.domain.types.GeoPoint}, PocketBase's datetime texts ({@link dev.locket.domain.types.DateTimes})
 * and its id formats ({@link dev.locket.domain.types.Ids}). They depend on nothing else in the domain.
 */
package dev.locket.domain.types;
