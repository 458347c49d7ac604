/**
 * Tank's public facade: {@link dev.tank.Tank}, built with {@link dev.tank.Tank#builder()}. Its
 * signatures use only JDK and Tank types; the technical packages ({@code pack}, {@code oci}, {@code
 * resolve}, {@code lock}, {@code install}, {@code cache}, {@code publish}) sit below it and the CLI
 * ({@code cli}) on top. Package dependencies form a DAG, checked by {@code PackageDependencyTest}.
 */
package dev.tank;
