/**
 * The demo's sample gallery: real face photos cut from pinned, integrity-checked npm packages (the test photos share
 * its pins).
 */
package org.facesearch.samples;
