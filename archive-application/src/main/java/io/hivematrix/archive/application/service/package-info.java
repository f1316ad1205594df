/** The use-case implementations; exported to boot only, which wires them to adapters. */
package io.hivematrix.archive.application.service;
