package org.facesearch.cli;
class Placeholder {}
