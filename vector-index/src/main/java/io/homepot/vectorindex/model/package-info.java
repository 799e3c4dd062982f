/** Value types shared by the index and its storage. */
package io.homepot.vectorindex.model;
