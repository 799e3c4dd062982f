/** Sentence embeddings (ONNX all-MiniLM-L6-v2) and a persistent JVector incident index. */
package io.homepot.vectorindex;
