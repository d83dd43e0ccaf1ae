/* Placeholder: being written. */
typedef int person_placeholder;
