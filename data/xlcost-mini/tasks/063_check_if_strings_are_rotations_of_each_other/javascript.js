// Function to check if str2 is a rotation of str1
function areRotations(str1, str2) {
    // The lengths of both strings must be the same
    if (str1.length != str2.length)
        return false;
    // Create a temp string with value str1 concatenated with str1
    let temp = str1 + str1;
    // Now check if str2 is a substring of temp
    return temp.indexOf(str2) != -1;
}

// Driver code
let str1 = "AACD";
for (let str2 of ["ACDA", "ACAD"]) {
    if (areRotations(str1, str2))
        console.log("Strings are rotations of each other");
    else
        console.log("Strings are not rotations of each other");
}
